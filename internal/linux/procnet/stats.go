package procnet

import (
	"errors"
	"io"
	"os"

	"github.com/gonetstat/netstat/internal/counters"
)

// Stats reads the statistics files of a proc file system: net/snmp,
// net/netstat, net/snmp6 and net/sctp/snmp. It implements counters.Source.
type Stats struct {
	// Root is the proc mount point; empty means "/proc".
	Root string
}

var _ counters.Source = Stats{}

// path returns the name of ROOT/net/name.
func (s Stats) path(name string) string {
	return netPath(s.Root, name)
}

// SNMP reads ROOT/net/snmp.
func (s Stats) SNMP() ([]counters.Section, error) { return readStats(s.path("snmp"), ParseSNMP) }

// Netstat reads ROOT/net/netstat.
func (s Stats) Netstat() ([]counters.Section, error) {
	return readStats(s.path("netstat"), ParseNetstat)
}

// SNMP6 reads ROOT/net/snmp6.
func (s Stats) SNMP6() ([]counters.Section, error) { return readStats(s.path("snmp6"), ParseSNMP6) }

// SCTP reads ROOT/net/sctp/snmp.
func (s Stats) SCTP() ([]counters.Counter, error) {
	return readStats(s.path("sctp/snmp"), ParseSCTPSNMP)
}

// readStats opens path and parses it. An open error is returned as os.Open
// gives it (errors.Is works with fs.ErrNotExist); a read error comes back as
// a *counters.ReadError along with what was parsed before it.
func readStats[T any](path string, parse func(io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	v, err := parse(f)
	if err != nil && !errors.Is(err, counters.ErrFormat) {
		err = &counters.ReadError{Path: path, Err: err}
	}
	return v, err
}
