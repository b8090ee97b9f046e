// Package cli turns a net-tools style command line into Options, exactly as
// net-tools 2.10 netstat parses it (glibc getopt_long semantics), and holds
// the usage and version texts. Nothing below it sees argv.
package cli

import "time"

// Mode is the table an invocation prints.
type Mode int

const (
	ModeSockets    Mode = iota // socket listing (with -g: also groups)
	ModeRoutes                 // -r
	ModeInterfaces             // -i
	ModeStatistics             // -s
	ModeMasquerade             // -M
)

// Options is everything the command line decided. Field names follow the
// long options of net-tools where there is one.
type Options struct {
	Mode Mode

	// Protocols (-t -u -U -S -w). After parsing, rule 2 of the spec may have
	// turned all five on (see NoProt).
	TCP, UDP, UDPLite, SCTP, Raw bool

	// Address families. Inet and Inet6 may be set by rule 3 (a protocol
	// without a family selects both).
	Inet, Inet6, Unix            bool
	IPX, AX25, X25, NetROM, Rose bool
	Bluetooth, L2CAP, RFCOMM     bool
	// Families is the canonical family names in the order given, duplicates
	// kept (net-tools' afname list, e.g. "inet", "inet6"). -r and -s use it.
	Families []string

	// Groups is -g (multicast memberships).
	Groups bool
	// NoProt is set when a family (or -s) was given without a protocol, so
	// all protocols were turned on; it silences "no support" messages.
	NoProt bool
	// SocketKinds is net-tools' flag_arg: how many socket kinds were
	// selected. Zero means the default listing of everything.
	SocketKinds int

	All       bool // -a
	Listening bool // -l

	NumericHosts bool // -n or --numeric-hosts
	NumericPorts bool // -n or --numeric-ports
	NumericUsers bool // -n or --numeric-users
	Symbolic     bool // -N

	Extend     int  // count of -e
	Programs   bool // -p
	Timers     bool // -o
	Wide       bool // -W
	Verbose    bool // -v
	Continuous bool // -c
	Cache      bool // -C
	FIB        bool // -F

	// Extensions holds the options net-tools does not have. Its zero value
	// is a net-tools command line.
	Extensions
}

// Extensions are the values of the extension options (see
// extensionOptions). A zero field means the option was not given.
type Extensions struct {
	// Zero means the default of package names.
	DNSTimeout  time.Duration // --dns-timeout: one DNS reverse lookup
	DNSBudget   time.Duration // --dns-budget: all DNS lookups of the run
	DNSParallel int           // --dns-parallel: DNS lookups in flight

	JSON bool // --json: the chosen table as JSON instead of text

	// Filters are the socket filters, as given (comma-separated lists);
	// package filter reads them.
	Filters Filters

	Summary bool   // --summary: socket counts per protocol, family and state
	Count   string // --count=KEY: one of CountKeys
	Top     int    // --top=N: print the N largest counts (0: all)

	// Watch is the refresh interval of --watch[=SECONDS]; zero is off.
	Watch time.Duration

	NetNS    string // --netns=NAME|PATH|PID
	AllNetNS bool   // --all-netns

	TCPInfo bool // --tcp-info: the kernel's tcp_info for TCP sockets
	NAT     bool // --nat: connection tracking entries with their NAT

	Check bool // --check: diagnose the host
	// CheckInterval is the sampling interval of --check (zero: default).
	CheckInterval time.Duration
	// CheckConfig is a file of threshold settings for --check.
	CheckConfig string
	// CheckSet holds the --check-set=NAME=VALUE settings in the order
	// given, joined by newlines.
	CheckSet string
}

// Filters are the socket filter options as typed. Each is empty when the
// option was not given; a repeated option replaces the earlier value.
type Filters struct {
	State   string // --state=LIST
	Port    string // --port=LIST (either end)
	SPort   string // --sport=LIST (local end)
	DPort   string // --dport=LIST (remote end)
	Addr    string // --addr=PREFIX[,PREFIX...] (either end)
	PID     string // --pid=LIST
	Program string // --program-name=NAME
	User    string // --user=NAME|UID
}

// Any reports whether any filter was given.
func (f Filters) Any() bool { return f != Filters{} }

// CountKeys are the keys --count accepts.
var CountKeys = []string{"state", "lport", "raddr", "program", "user"}

// AnyNumeric reports whether any of the numeric flags or -N is set: the
// "whole numeric word" that net-tools passes to the SCTP address printer.
func (o *Options) AnyNumeric() bool {
	return o.NumericHosts || o.NumericPorts || o.NumericUsers || o.Symbolic
}
