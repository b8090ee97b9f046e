// Package hostsample takes snapshot.Host samples of the Linux network
// namespace the calling thread is in: sockets (sock_diag, /proc/net as the
// fallback), protocol counters, interface counters, connection tracking
// usage, socket counts and the sysctls the checks compare with.
package hostsample

import (
	"errors"
	"io/fs"
	"time"

	"github.com/gonetstat/netstat/internal/linux/procfd"
	"github.com/gonetstat/netstat/internal/linux/procnet"
	"github.com/gonetstat/netstat/internal/snapshot"
)

// Sampler reads one proc file system (and, for the real /proc, the kernel
// over netlink). Samples may be taken one after another from different
// goroutines, but not at the same time.
type Sampler struct {
	root string
	// netlink says whether sockets are asked over sock_diag first; only
	// the real /proc describes the kernel that netlink talks to.
	netlink bool
	// now stamps the samples; tests replace it.
	now func() time.Time
	// lastSockets is how many sockets the sample before had, so that the
	// next one allocates its slice once instead of doubling it.
	lastSockets int
}

var _ snapshot.Sampler = (*Sampler)(nil)

// New returns a Sampler reading procRoot ("/proc" normally; an empty
// string means "/proc"). Any other root, a tree of fixture files, is read
// as text only.
func New(procRoot string) *Sampler {
	if procRoot == "" {
		procRoot = "/proc"
	}
	return &Sampler{root: procRoot, netlink: procRoot == "/proc", now: time.Now}
}

// Sample reads what want asks for. Parts the kernel does not have (no
// IPv6, no conntrack module, no SCTP) are left empty; the error reports
// what could not be read although it should have been, along with the
// rest of the sample.
func (s *Sampler) Sample(want snapshot.Want) (*snapshot.Host, error) {
	h := &snapshot.Host{Taken: s.now()}
	var errs []error
	if want.Sockets {
		socks, err := s.readSockets()
		h.Sockets = socks
		errs = append(errs, err)
		if s.netlink {
			// Without sock_diag the backlogs stay unknown (nil).
			h.ListenBacklogs, _ = readBacklogs()
		}
		if want.Owners {
			h.Owners = procfd.Scan(s.root)
		}
	}
	if want.Counters {
		sections, err := s.readCounters()
		h.Counters = sections
		errs = append(errs, err)
	}
	if want.Interfaces {
		devs, err := s.readDevices()
		h.Interfaces = devs
		errs = append(errs, err)
	}
	if want.Conntrack {
		ct, err := s.readConntrack()
		h.Conntrack = ct
		errs = append(errs, err)
	}
	if want.Sysctls {
		h.Sysctls = s.readSysctls()
	}
	if want.Sockets || want.Sysctls {
		st, err := s.readSockstat()
		h.Sockstat = st
		errs = append(errs, err)
	}
	return h, errors.Join(errs...)
}

// readCounters reads net/snmp, net/netstat and net/snmp6 in that order; a
// missing file (snmp6 without IPv6) is skipped.
func (s *Sampler) readCounters() (sections []counterSection, err error) {
	src := procnet.Stats{Root: s.root}
	var errs []error
	for _, read := range []func() ([]counterSection, error){src.SNMP, src.Netstat, src.SNMP6} {
		part, err := read()
		sections = append(sections, part...)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return sections, errors.Join(errs...)
}
