package filter

import (
	"fmt"
	"strings"

	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/names"
)

// Spec is a parsed set of socket filters. The zero part of each field means
// "that option was not given". A Spec is safe for concurrent use once
// parsed (user names are looked up through a concurrent-safe resolver).
type Spec struct {
	states  *stateSet
	port    portList // either end
	sport   portList // local end
	dport   portList // remote end
	addrs   prefixList
	pids    map[int]bool
	program string
	hasProg bool
	users   *userList
}

// UserNamer gives the login name of a uid, as the -e column shows it.
type UserNamer interface {
	User(uid uint32) (string, bool)
}

// Parse reads the filter options. It returns nil, nil when none was given,
// and an error naming the option and the argument when one is invalid.
func Parse(f cli.Filters) (*Spec, error) {
	return ParseWith(f, nil)
}

// ParseWith is Parse with the source of user names for --user=NAME; nil
// means the passwd database under /etc (package names).
func ParseWith(f cli.Filters, users UserNamer) (*Spec, error) {
	if !f.Any() {
		return nil, nil
	}
	s := &Spec{}
	var err error
	check := func(option, arg string, parse func(string) error) {
		// An empty value is indistinguishable from an option not given.
		if err != nil || arg == "" {
			return
		}
		if e := parse(arg); e != nil {
			err = fmt.Errorf("invalid argument '%s' for --%s: %v", arg, option, e)
		}
	}
	check("state", f.State, func(a string) (e error) { s.states, e = parseStates(a); return })
	check("port", f.Port, func(a string) (e error) { s.port, e = parsePorts(a); return })
	check("sport", f.SPort, func(a string) (e error) { s.sport, e = parsePorts(a); return })
	check("dport", f.DPort, func(a string) (e error) { s.dport, e = parsePorts(a); return })
	check("addr", f.Addr, func(a string) (e error) { s.addrs, e = parsePrefixes(a); return })
	check("pid", f.PID, func(a string) (e error) { s.pids, e = parsePIDs(a); return })
	check("program-name", f.Program, func(a string) error {
		s.program, s.hasProg = a, true
		return nil
	})
	check("user", f.User, func(a string) (e error) {
		if users == nil {
			users = names.New(names.Config{})
		}
		s.users, e = parseUsers(a, users)
		return
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// NeedsOwners reports whether the filter looks at socket owners (--pid,
// --program-name), so that the listing reads them even without -p.
func (s *Spec) NeedsOwners() bool {
	return s != nil && (s.pids != nil || s.hasProg)
}

// nothing is a state mask that no socket matches: bit 0 stands for kernel
// state 0, which no socket is in.
const nothing = 1 << 0

// StateMask returns the kernel state bits (bit n for state n) of the
// Internet sockets the filter can keep, for a reader that filters in the
// kernel; 0 means any state. When --state names no Internet state at all
// (only UNIX words), it is a mask no socket matches, never 0.
func (s *Spec) StateMask() uint32 {
	if s == nil || s.states == nil {
		return 0
	}
	if s.states.inet == 0 {
		return nothing
	}
	return s.states.inet
}

// NarrowStates combines a reader's kernel state mask (bit n for state n, 0
// for any) with StateMask: the states both allow, or a mask no socket
// matches (bit 0) when they share none; never 0 unless both allow any
// state. A nil Spec returns mask unchanged.
func (s *Spec) NarrowStates(mask uint32) uint32 {
	f := s.StateMask()
	switch {
	case f == 0:
		return mask
	case mask == 0:
		return f
	case mask&f == 0:
		return nothing
	}
	return mask & f
}

// splitList splits a comma-separated option value; an empty item is an
// error.
func splitList(arg string) ([]string, error) {
	items := strings.Split(arg, ",")
	for _, it := range items {
		if strings.TrimSpace(it) == "" {
			return nil, fmt.Errorf("empty item in the list")
		}
	}
	return items, nil
}
