package counters

import (
	"errors"
	"fmt"
)

// Source delivers the statistics files as records.
//
// Each method returns what the file yielded and an error:
//   - nil: the whole file was read.
//   - an error wrapping ErrFormat: the file broke off in a malformed line;
//     the records before it are returned.
//   - a *ReadError: the file opened but reading it failed; the records read
//     before the failure are returned.
//   - any other error: the file could not be opened (a missing file wraps
//     fs.ErrNotExist); no records.
type Source interface {
	// SNMP returns the header/value pairs of /proc/net/snmp.
	SNMP() ([]Section, error)
	// Netstat returns the header/value pairs of /proc/net/netstat.
	Netstat() ([]Section, error)
	// SNMP6 returns /proc/net/snmp6 grouped into sections: a section is
	// named by its first key up to and including the first '6', and lasts
	// while that name occurs in the keys.
	SNMP6() ([]Section, error)
	// SCTP returns the counters of /proc/net/sctp/snmp.
	SCTP() ([]Counter, error)
}

// ErrFormat marks a statistics file that broke off in a malformed line.
var ErrFormat = errors.New("malformed statistics file")

// ReadError reports that a statistics file was opened but could not be read
// to its end.
type ReadError struct {
	Path string
	Err  error
}

func (e *ReadError) Error() string { return fmt.Sprintf("read %s: %v", e.Path, e.Err) }

// Unwrap returns the underlying error.
func (e *ReadError) Unwrap() error { return e.Err }
