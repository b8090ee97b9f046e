package terminal

import "strings"

// hostileSocket is a UNIX socket with a hostile name.
type hostileSocket struct {
	// name is an abstract name ("@...") or a file name in the scene's
	// directory.
	name  string
	dgram bool
	// shown is what net-tools prints of name (cut at the first byte C
	// isspace accepts); escaped is how a terminal must show it.
	shown, escaped string
}

// hostileHolder is a process whose name would attack a terminal.
type hostileHolder struct {
	// argv0 is what it runs as; net-tools shows the part after the last
	// '/' when argv0 starts with '/'.
	argv0 string
	// escaped is the program name as a terminal must show it; empty when
	// the 19-byte cut of "PID/name" depends on the PID (see cutProgram).
	escaped string
	// listen is the address of its TCP listener; it also holds an
	// established connection to it.
	listen  string
	sockets []hostileSocket
}

// eAcute repeated: a name whose 19-byte cut splits a two-byte character
// for one PID length or the other.
var eAcutes = strings.Repeat("\u00e9", 10)

// holders are the hostile processes of the scene.
var holders = []hostileHolder{
	{
		argv0: "/usr/lib/\x1b[2J\x1b[31m", escaped: `\e[2J\e[31m`, listen: "192.0.2.77:7001",
		sockets: []hostileSocket{
			{name: "e\x1b[2Jx", shown: "e\x1b[2Jx", escaped: `e\e[2Jx`},
			{name: "@gnst-\x1b]0;pwn\x07", dgram: true, shown: "@gnst-\x1b]0;pwn\x07", escaped: `@gnst-\e]0;pwn\x07`},
		},
	},
	{
		argv0: "cr\rbel\x07", escaped: `cr\rbel\x07`, listen: "127.0.0.1:7002",
		sockets: []hostileSocket{
			{name: "cr\rtail", shown: "cr", escaped: "cr"},
			{name: "bel\x07\x1b[?1049h", shown: "bel\x07\x1b[?1049h", escaped: `bel\x07\e[?1049h`},
		},
	},
	{
		argv0: "c1\x9b\u009bx", escaped: `c1\x9b\u009bx`, listen: "127.0.0.1:7003",
		sockets: []hostileSocket{
			{name: "c1\x9b\u009b", shown: "c1\x9b\u009b", escaped: `c1\x9b\u009b`},
			{name: "@c1\x9b\u009b31m", shown: "@c1\x9b\u009b31m", escaped: `@c1\x9b\u009b31m`},
		},
	},
	{
		argv0: "bad\xff\xc3z\x7f", escaped: `bad\xff\xc3z\x7f`, listen: "192.0.2.78:7004",
		sockets: []hostileSocket{
			{name: "bad\xff\xc3z\x7f", dgram: true, shown: "bad\xff\xc3z\x7f", escaped: `bad\xff\xc3z\x7f`},
			{name: "del\x7f\xc3", shown: "del\x7f\xc3", escaped: `del\x7f\xc3`},
		},
	},
	{
		argv0: "so\x0e\x01\x0f\x1b", escaped: `so\x0e\x01\x0f\e`, listen: "127.0.0.1:7005",
		sockets: []hostileSocket{
			{name: "tab\tx", shown: "tab", escaped: "tab"},
			{name: "vt\vx", shown: "vt", escaped: "vt"},
			{name: "ff\fx", dgram: true, shown: "ff", escaped: "ff"},
			{name: "@sp ace\x1b[8m", shown: "@sp", escaped: "@sp"},
		},
	},
	{
		argv0: "nl\nfake", escaped: `nl\nfake`, listen: "127.0.0.1:7006",
		sockets: []hostileSocket{
			{name: "@gnst-f\x1b[8m", shown: "@gnst-f\x1b[8m", escaped: `@gnst-f\e[8m`},
		},
	},
	{
		argv0: "/opt/" + eAcutes, listen: "127.0.0.1:7007",
		sockets: []hostileSocket{{name: "@gnst-g", shown: "@gnst-g", escaped: "@gnst-g"}},
	},
	{
		argv0: "x" + eAcutes, listen: "127.0.0.1:7008",
		sockets: []hostileSocket{{name: "@gnst-h", shown: "@gnst-h", escaped: "@gnst-h"}},
	},
}

// Host names in the namespace's hosts file. A hosts line is split at
// blanks, so none of them holds one.
const (
	evilHost = "ev\x1b[31m\x07il\xffhost" // 192.0.2.77
	// longHost is cut to fit "host:port" in 23 columns.
	longHost = "\x1b]2;pwned\x07-\u00e9\u00e9\u00e9.very.long.example" // 192.0.2.78
	// routeHost has two-byte characters, which must pad the -r column
	// by bytes, as C printf does.
	routeHost = "h\x1b]0;t\x07\u009b\u00e9" // 203.0.113.9, a -r host route
)

// hostsFile maps every address the scene shows, so that no lookup goes
// to DNS (resolv.conf names 127.0.0.1, where nothing answers).
const hostsFile = "127.0.0.1\tlocalhost\n" +
	"::1\tip6-localhost ip6-loopback\n" +
	"192.0.2.77\t" + evilHost + "\n" +
	"192.0.2.78\t" + longHost + "\n" +
	"203.0.113.9\t" + routeHost + "\n"

// Interface names (IFNAMSIZ allows 15 bytes; the kernel refuses '/', ':'
// and whitespace, nothing else).
const (
	evilLink     = "gn\x1b[7m\x07"
	evilLinkPeer = "gnpeer0"
	badLink      = "gn\xff\x9b\x01\u009b"
	badLinkPeer  = "gnpeer1"
)
