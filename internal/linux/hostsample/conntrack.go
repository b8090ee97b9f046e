package hostsample

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gonetstat/netstat/internal/snapshot"
)

// readConntrack reads the table's usage from ROOT/sys/net/netfilter and
// its per-CPU statistics from ROOT/net/stat/nf_conntrack. Without the
// count file the kernel has no conntrack here: Available stays false.
func (s *Sampler) readConntrack() (snapshot.Conntrack, error) {
	var ct snapshot.Conntrack
	count := s.sysctl("net/netfilter/nf_conntrack_count")
	if count < 0 {
		return ct, nil
	}
	ct.Available = true
	ct.Count = uint64(count)
	if max := s.sysctl("net/netfilter/nf_conntrack_max"); max >= 0 {
		ct.Max = uint64(max)
	}
	f, err := os.Open(filepath.Join(s.root, "net", "stat", "nf_conntrack"))
	if errors.Is(err, fs.ErrNotExist) {
		return ct, nil
	}
	if err != nil {
		return ct, err
	}
	defer f.Close()
	stat, err := ParseConntrackStat(f)
	ct.Drops, ct.EarlyDrops, ct.InsertFailed = stat["drop"], stat["early_drop"], stat["insert_failed"]
	return ct, err
}

// ParseConntrackStat reads /proc/net/stat/nf_conntrack: a header line of
// column names, then one line of hexadecimal numbers per CPU. It returns
// each column summed over the CPUs, except "entries", which every line
// repeats (the table's size) and is taken once.
func ParseConntrackStat(r io.Reader) (map[string]uint64, error) {
	sc := bufio.NewScanner(r)
	if !sc.Scan() {
		return nil, sc.Err()
	}
	names := strings.Fields(sc.Text())
	sums := make(map[string]uint64, len(names))
	for line := 2; sc.Scan(); line++ {
		vals := strings.Fields(sc.Text())
		if len(vals) == 0 {
			continue
		}
		if len(vals) > len(names) {
			return sums, fmt.Errorf("nf_conntrack statistics line %d: %d values for %d columns", line, len(vals), len(names))
		}
		for i, v := range vals {
			n, err := strconv.ParseUint(v, 16, 64)
			if err != nil {
				return sums, fmt.Errorf("nf_conntrack statistics line %d: %q is not hexadecimal", line, v)
			}
			if names[i] == "entries" {
				sums[names[i]] = n
				continue
			}
			sums[names[i]] += n
		}
	}
	return sums, sc.Err()
}
