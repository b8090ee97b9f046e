package hostsample

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"

	"github.com/gonetstat/netstat/internal/snapshot"
)

// readSysctls reads the limits the checks compare with; a setting that
// cannot be read is -1.
func (s *Sampler) readSysctls() snapshot.Sysctls {
	low, high := s.sysctlPair("net/ipv4/ip_local_port_range")
	return snapshot.Sysctls{
		TCPMaxTWBuckets: s.sysctl("net/ipv4/tcp_max_tw_buckets"),
		TCPMaxOrphans:   s.sysctl("net/ipv4/tcp_max_orphans"),
		TCPSynCookies:   s.sysctl("net/ipv4/tcp_syncookies"),
		SoMaxConn:       s.sysctl("net/core/somaxconn"),
		LocalPortLow:    low,
		LocalPortHigh:   high,
	}
}

// sysctlFields returns the blank-separated numbers of ROOT/sys/name, or
// nil when the file cannot be read or holds something else.
func (s *Sampler) sysctlFields(name string) []int64 {
	b, err := os.ReadFile(filepath.Join(s.root, "sys", name))
	if err != nil {
		return nil
	}
	var vals []int64
	for _, f := range bytes.Fields(b) {
		v, err := strconv.ParseInt(string(f), 10, 64)
		if err != nil {
			return nil
		}
		vals = append(vals, v)
	}
	return vals
}

// sysctl returns the single number of ROOT/sys/name, or -1.
func (s *Sampler) sysctl(name string) int64 {
	if v := s.sysctlFields(name); len(v) == 1 {
		return v[0]
	}
	return -1
}

// sysctlPair returns the two numbers of ROOT/sys/name, or -1, -1.
func (s *Sampler) sysctlPair(name string) (int64, int64) {
	if v := s.sysctlFields(name); len(v) == 2 {
		return v[0], v[1]
	}
	return -1, -1
}
