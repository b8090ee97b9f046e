package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// Exit statuses decided by the command line.
const (
	ExitOK    = 0 // -V, -h
	ExitError = 1 // unknown family, -Z without SELinux
	ExitUsage = 3 // getopt errors, -?, conflicting modes
)

// counters holds what netstat counts while reading options; most options
// bump a counter, and a few rules look at the counts rather than at
// yes/no flags.
type counters struct {
	tcp, udp, udpLite, sctp, raw int
	l2cap, rfcomm, groups        int
	route, iface, masq, stats    int
	extend                       int
	families                     familySelection
}

// Parse reads a netstat command line (argv[0] included) the way net-tools
// 2.10 does. Options take effect left to right: -V, -h, -?, -Z, an unknown
// family and every getopt error print their text to stdout or stderr and
// end the parse at once, with done set and the exit status the program
// must terminate with (opts is then nil). Otherwise the post-parse rules
// have been applied and opts says what to print; exit is 0 and done false.
//
// Like glibc, Parse stops at the first non-option word when the
// environment variable POSIXLY_CORRECT is set.
func Parse(argv []string, stdout, stderr io.Writer) (opts *Options, exit int, done bool) {
	_, posix := os.LookupEnv("POSIXLY_CORRECT")
	return parse(argv, stdout, stderr, posix)
}

// parse is Parse with the POSIXLY_CORRECT decision made by the caller.
func parse(argv []string, stdout, stderr io.Writer, requireOrder bool) (*Options, int, bool) {
	return parseWith(argv, stdout, stderr, requireOrder, extensionOptions[:])
}

// parseWith is parse with the given extension option table; with none it
// is net-tools' parser exactly.
func parseWith(argv []string, stdout, stderr io.Writer, requireOrder bool, exts []longOption) (*Options, int, bool) {
	argv = cStrings(argv)
	opts := &Options{}
	var n counters
	g := newGetopt(argv, shortOptions, longOptions[:], requireOrder, stderr)
	g.exts = exts
	for {
		o := g.next()
		if o.Val == endOfOptions {
			break
		}
		if exit, done, handled := applyExtension(o, opts, stdout, stderr); handled {
			if done {
				return nil, exit, true
			}
			continue
		}
		if exit, done := n.apply(o, opts, stdout, stderr); done {
			return nil, exit, true
		}
	}
	if n.iface+n.route+n.masq+n.stats > 1 {
		writeUsage(stderr, stderr)
		return nil, ExitUsage, true
	}
	n.finish(opts)
	if opts.Top > 0 && opts.Count == "" {
		fmt.Fprintln(stderr, "netstat: --top needs --count=KEY")
		return nil, ExitUsage, true
	}
	return opts, ExitOK, false
}

// cStrings cuts every word at its first NUL byte, which is all a C
// program could ever see of it.
func cStrings(argv []string) []string {
	var out []string
	for i, w := range argv {
		if j := strings.IndexByte(w, 0); j >= 0 {
			if out == nil {
				out = append([]string(nil), argv...)
			}
			out[i] = w[:j]
		}
	}
	if out == nil {
		return argv
	}
	return out
}

// apply carries out one option. It returns done when the option ends the
// program, with the exit status.
func (n *counters) apply(o option, opts *Options, stdout, stderr io.Writer) (exit int, done bool) {
	switch o.Val {
	case valFamily:
		if o.LongIndex < 0 || o.LongIndex >= familyOptionCount {
			io.WriteString(stderr, "netstat.c: Internal Error `longopts 1 range'.\n")
			return 0, false
		}
		return n.family(longOptions[o.LongIndex].Name, stderr)
	case 'A':
		return n.family(o.Arg, stderr)
	case '4':
		return n.family("inet", stderr)
	case '6':
		return n.family("inet6", stderr)
	case 'x':
		return n.family("unix", stderr)
	case 'V':
		io.WriteString(stdout, VersionText)
		return ExitOK, true
	case 'h':
		writeUsage(stdout, stderr)
		return ExitOK, true
	case optError:
		writeUsage(stderr, stderr)
		return ExitUsage, true
	case 'Z':
		// This build has SELinux support, but SELinux is never enabled
		// where this clone runs.
		io.WriteString(stderr, "SELinux is not enabled on this machine.\n")
		return ExitError, true
	case 'M':
		n.masq++
	case 's':
		n.stats++
	case 'r':
		n.route++
	case 'i':
		n.iface++
	case 't':
		n.tcp++
	case 'u':
		n.udp++
	case 'U':
		n.udpLite++
	case 'S':
		n.sctp++
	case 'w':
		n.raw++
	case '2':
		n.l2cap++
	case 'f':
		n.rfcomm++
	case 'g':
		n.groups++
	case 'e':
		n.extend++
	case 'a':
		opts.All = true
	case 'l':
		opts.Listening = true
	case 'c':
		opts.Continuous = true
	case 'p':
		opts.Programs = true
	case 'o':
		opts.Timers = true
	case 'W':
		opts.Wide = true
	case 'v':
		opts.Verbose = true
	case 'C':
		opts.Cache = true
	case 'F':
		opts.FIB = true
	case 'N':
		opts.Symbolic = true
	case 'n':
		opts.NumericHosts, opts.NumericPorts, opts.NumericUsers = true, true, true
	case valNumericHosts:
		opts.NumericHosts = true
	case valNumericPorts:
		opts.NumericPorts = true
	case valNumericUsers:
		opts.NumericUsers = true
	case 'd':
		// Debug: accepted, no effect.
	}
	return 0, false
}

// family selects the families of a keyword list; an unknown keyword ends
// the program with status 1.
func (n *counters) family(arg string, stderr io.Writer) (exit int, done bool) {
	if !n.families.add(arg, stderr) {
		return ExitError, true
	}
	return 0, false
}

// finish applies net-tools' post-parse rules (the mode conflict check has
// already passed) and fills in the counted fields of opts.
func (n *counters) finish(opts *Options) {
	f := &n.families
	anyProto := n.tcp+n.sctp+n.udp+n.udpLite+n.raw > 0
	// A family (or -s) without a protocol turns every protocol on.
	if (f.selected(famInet) || f.selected(famInet6) || n.stats > 0) && !anyProto {
		opts.NoProt = true
		n.tcp, n.sctp, n.udp, n.udpLite, n.raw = 1, 1, 1, 1, 1
	}
	// A protocol (or -g) without an inet family selects both.
	if (n.tcp+n.sctp+n.udp+n.udpLite+n.raw+n.groups > 0) && !f.selected(famInet) && !f.selected(famInet6) {
		f.count[famInet], f.count[famInet6] = 1, 1
	}
	// --bluetooth alone means both Bluetooth socket kinds.
	if f.selected(famBluetooth) && n.l2cap+n.rfcomm == 0 {
		n.l2cap, n.rfcomm = 1, 1
	}

	opts.TCP, opts.UDP, opts.UDPLite = n.tcp > 0, n.udp > 0, n.udpLite > 0
	opts.SCTP, opts.Raw = n.sctp > 0, n.raw > 0
	opts.Inet, opts.Inet6 = f.selected(famInet), f.selected(famInet6)
	opts.Unix, opts.IPX, opts.AX25 = f.selected(famUnix), f.selected(famIPX), f.selected(famAX25)
	opts.X25, opts.NetROM, opts.Rose = f.selected(famX25), f.selected(famNetROM), f.selected(famRose)
	opts.Bluetooth, opts.L2CAP, opts.RFCOMM = f.selected(famBluetooth), n.l2cap > 0, n.rfcomm > 0
	opts.Families = f.names
	opts.Groups = n.groups > 0
	opts.Extend = n.extend
	opts.SocketKinds = n.tcp + n.sctp + n.udpLite + n.udp + n.raw + f.count[famUnix] +
		f.count[famIPX] + f.count[famAX25] + f.count[famNetROM] + n.groups +
		f.count[famX25] + f.count[famRose] + n.l2cap + n.rfcomm

	switch {
	case n.masq > 0:
		opts.Mode = ModeMasquerade
	case n.stats > 0:
		opts.Mode = ModeStatistics
	case n.route > 0:
		opts.Mode = ModeRoutes
	case n.iface > 0:
		opts.Mode = ModeInterfaces
	default:
		opts.Mode = ModeSockets
	}
}
