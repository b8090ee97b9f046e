package cli

// shortOptions is netstat's getopt option string: every letter is a flag
// option except those followed by ':', which take an argument. '?' is a
// real option here (it prints the usage), which getopt cannot tell apart
// from an error; netstat treats both alike.
const shortOptions = "A:CFMacdeghilnNoprsStuUvVWw2fx64?Z"

// Option values that no short option carries. Long options that act like a
// short option return that option's letter instead.
const (
	// valFamily is returned by the address-family aliases (--inet, --unix,
	// ...): the option's own name is the family keyword. All of them share
	// this value, so abbreviating between them is never ambiguous.
	valFamily = 1
)

const (
	// valNumericHosts, valNumericPorts and valNumericUsers are the three
	// partial forms of -n.
	valNumericHosts = 256 + iota
	valNumericPorts
	valNumericUsers
)

// argMode says whether an option takes an argument.
type argMode int

const (
	noArgument       argMode = iota // a flag; "--name=value" is an error
	requiredArgument                // value in "--name=value" or the next word
	// optionalArgument takes a value only as "--name=value"; the next word
	// is never taken. Only extension options use it.
	optionalArgument
)

// longOption is one row of the getopt_long table. Two rows whose Arg and Val
// are equal are interchangeable for abbreviation purposes (glibc also
// compares the flag pointer, which netstat never sets).
type longOption struct {
	Name string
	Arg  argMode
	Val  int
	// Help is the description shown in the usage text; empty for options
	// the usage does not list on a line of their own.
	Help string
	// ArgName names the argument in the help of an extension option.
	ArgName string
}

// familyOptionCount is how many leading rows of longOptions are address
// family aliases that netstat accepts. The row just after them (--tcpip)
// carries valFamily too but is outside this range, which makes net-tools
// report an internal error for it instead of selecting a family.
const familyOptionCount = 12

// longOptions is net-tools 2.10 netstat's long option table, in its exact
// order: the order decides which row an abbreviation selects and the order
// of the "possibilities" in an ambiguity message.
var longOptions = [...]longOption{
	{Name: "ax25", Val: valFamily},
	{Name: "x25", Val: valFamily},
	{Name: "ip", Val: valFamily},
	{Name: "ipx", Val: valFamily},
	{Name: "appletalk", Val: valFamily},
	{Name: "netrom", Val: valFamily},
	{Name: "inet", Val: valFamily},
	{Name: "inet6", Val: valFamily},
	{Name: "ddp", Val: valFamily},
	{Name: "rose", Val: valFamily},
	{Name: "unix", Val: valFamily},
	{Name: "bluetooth", Val: valFamily},
	{Name: "tcpip", Val: valFamily}, // index familyOptionCount: the internal-error row
	{Name: "version", Val: 'V'},
	{Name: "interfaces", Val: 'i', Help: "display interface table"},
	{Name: "help", Val: 'h'},
	{Name: "route", Val: 'r', Help: "display routing table"},
	{Name: "masquerade", Val: 'M', Help: "display masqueraded connections"},
	{Name: "protocol", Arg: requiredArgument, Val: 'A'},
	{Name: "tcp", Val: 't'},
	{Name: "sctp", Val: 'S'},
	{Name: "udp", Val: 'u'},
	{Name: "udplite", Val: 'U'},
	{Name: "raw", Val: 'w'},
	{Name: "unix", Val: 'x'}, // shadowed by the family alias row above
	{Name: "l2cap", Val: '2'},
	{Name: "rfcomm", Val: 'f'},
	{Name: "listening", Val: 'l', Help: "display listening server sockets"},
	{Name: "all", Val: 'a', Help: "display all sockets (default: connected)"},
	{Name: "timers", Val: 'o', Help: "display timers"},
	{Name: "continuous", Val: 'c', Help: "continuous listing"},
	{Name: "extend", Val: 'e', Help: "display other/more information"},
	{Name: "programs", Val: 'p', Help: "display PID/Program name for sockets"},
	{Name: "verbose", Val: 'v', Help: "be verbose"},
	{Name: "statistics", Val: 's', Help: "display networking statistics (like SNMP)"},
	{Name: "wide", Val: 'W', Help: "don't truncate IP addresses"},
	{Name: "numeric", Val: 'n', Help: "don't resolve names"},
	{Name: "numeric-hosts", Val: valNumericHosts, Help: "don't resolve host names"},
	{Name: "numeric-ports", Val: valNumericPorts, Help: "don't resolve port names"},
	{Name: "numeric-users", Val: valNumericUsers, Help: "don't resolve user names"},
	{Name: "symbolic", Val: 'N', Help: "resolve hardware names"},
	{Name: "cache", Val: 'C', Help: "display routing cache instead of FIB"},
	{Name: "fib", Val: 'F', Help: "display Forwarding Information Base (default)"},
	{Name: "groups", Val: 'g', Help: "display multicast group memberships"},
	{Name: "context", Val: 'Z', Help: "display SELinux security context for sockets"},
}

// shortFor returns the short option letter that a value stands for, or 0
// when the value has no short form.
func shortFor(val int) byte {
	if val <= 0 || val > 0x7f || val == ':' {
		return 0
	}
	for i := 0; i < len(shortOptions); i++ {
		if int(shortOptions[i]) == val {
			return shortOptions[i]
		}
	}
	return 0
}

// findLong returns the table row with exactly this name (the first one, as
// getopt_long searches), or -1.
func findLong(name string) int {
	for i := range longOptions {
		if longOptions[i].Name == name {
			return i
		}
	}
	return -1
}
