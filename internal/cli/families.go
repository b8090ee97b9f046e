package cli

import (
	"fmt"
	"io"
	"strings"
)

// family is an address family that a keyword can select.
type family int

const (
	famAX25 family = iota
	famInet
	famInet6
	famIPX
	famRose
	famDDP
	famNetROM
	famUnix
	famEconet
	famX25
	famAsh
	famBluetooth
	numFamilies
)

// familyAlias maps one keyword accepted by -A, --protocol and the
// --<family> options to its canonical name and the family it selects.
type familyAlias struct {
	Alias, Name string
	Family      family
}

// familyAliases is net-tools' alias table, searched in this order.
var familyAliases = [...]familyAlias{
	{"ax25", "ax25", famAX25},
	{"ip", "inet", famInet},
	{"ip6", "inet6", famInet6},
	{"ipx", "ipx", famIPX},
	{"rose", "rose", famRose},
	{"appletalk", "ddp", famDDP},
	{"netrom", "netrom", famNetROM},
	{"inet", "inet", famInet},
	{"inet6", "inet6", famInet6},
	{"ddp", "ddp", famDDP},
	{"unix", "unix", famUnix},
	{"tcpip", "inet", famInet},
	{"econet", "ec", famEconet},
	{"x25", "x25", famX25},
	{"ash", "ash", famAsh},
	{"bluetooth", "bluetooth", famBluetooth},
}

// lookupFamily returns the alias row for a keyword.
func lookupFamily(keyword string) (familyAlias, bool) {
	for _, a := range familyAliases {
		if a.Alias == keyword {
			return a, true
		}
	}
	return familyAlias{}, false
}

const (
	// familyArgMax is the longest family argument net-tools looks at: it
	// copies the argument into a 256-byte buffer, so anything past 255
	// bytes is silently dropped.
	familyArgMax = 255
	// familyListSize is the size of net-tools' buffer for the joined list
	// of canonical names, terminating NUL included.
	familyListSize = 256
)

// familySelection accumulates the families a command line selected: a
// counter per family and the ordered list of canonical names (net-tools'
// afname string).
type familySelection struct {
	count [numFamilies]int
	names []string
	// joinedLen is len(strings.Join(names, ",")).
	joinedLen int
}

// selected reports whether any keyword selected f.
func (s *familySelection) selected(f family) bool { return s.count[f] > 0 }

// add processes one family argument, a comma-separated keyword list, as
// net-tools' aftrans_opt does. For each keyword in turn: an unknown one
// prints "Unknown address family" and add returns false (the caller exits
// with status 1; keywords before it have taken effect). A known one whose
// name no longer fits in the 256-byte name list prints "Too much address
// family arguments." and ends the processing of this argument without
// error and without selecting the family. Otherwise the family's counter
// is bumped and its canonical name appended.
func (s *familySelection) add(arg string, stderr io.Writer) bool {
	if len(arg) > familyArgMax {
		arg = arg[:familyArgMax]
	}
	for _, keyword := range strings.Split(arg, ",") {
		a, ok := lookupFamily(keyword)
		if !ok {
			fmt.Fprintf(stderr, "Unknown address family `%s'.\n", keyword)
			return false
		}
		if len(a.Name)+s.joinedLen+1 >= familyListSize {
			io.WriteString(stderr, "Too much address family arguments.\n")
			return true
		}
		s.count[a.Family]++
		if len(s.names) > 0 {
			s.joinedLen++
		}
		s.joinedLen += len(a.Name)
		s.names = append(s.names, a.Name)
	}
	return true
}
