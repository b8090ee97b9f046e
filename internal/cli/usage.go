package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
)

// VersionText is what -V and --version print on stdout. The last line ends
// with a space.
const VersionText = "net-tools 2.10\n" +
	"Fred Baumgarten, Alan Cox, Bernd Eckenfels, Phil Blundell, Tuan Hoang, Brian Micek and others\n" +
	"+NEW_ADDRT +RTF_IRTT +RTF_REJECT +FW_MASQUERADE +I18N +SELINUX\n" +
	"AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE -BLUETOOTH\n" +
	"HW:  +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI +HIPPI +HDLC/LAPB +EUI64 \n"

// FamilyListText is the list of routing address families that follows the
// usage text. net-tools always writes it to stderr, even for --help. Each
// line ends with a space.
const FamilyListText = "    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) \n" +
	"    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) \n" +
	"    ddp (Appletalk DDP) x25 (CCITT X.25) \n"

// usageHead is the synopsis at the top of the usage text.
const usageHead = "usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n" +
	"       netstat [-vWnNcaeol] [<Socket> ...]\n" +
	"       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }\n"

// usageTail follows the option descriptions.
const usageTail = "  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}\n" +
	"           {-x|--unix} --ax25 --ipx --netrom\n" +
	"  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet\n" +
	"  List of possible address families (which support routing):\n"

// usageLayout lists, group by group, the long options the usage text
// describes; each group is preceded by a blank line. The description of
// each comes from its longOptions row.
var usageLayout = [][]string{
	{"route", "interfaces", "groups", "statistics", "masquerade"},
	{"verbose", "wide", "numeric", "numeric-hosts", "numeric-ports", "numeric-users",
		"symbolic", "extend", "programs", "timers", "continuous"},
	{"listening", "all", "fib", "cache", "context"},
}

// usageText is the complete usage text, built from usageLayout and the
// option table the first time it is needed (not at start-up: most runs
// never print it).
var usageText = sync.OnceValue(buildUsage)

// UsageText returns the usage text (without the family list that follows
// it on stderr).
func UsageText() string { return usageText() }

// buildUsage assembles the usage text. An option line is eight spaces, the
// option names ("-r, --route", or "--numeric-hosts" when there is no short
// form) left-justified in 25 columns, then the description.
func buildUsage() string {
	var b strings.Builder
	b.WriteString(usageHead)
	for _, group := range usageLayout {
		b.WriteByte('\n')
		for _, name := range group {
			i := findLong(name)
			if i < 0 || longOptions[i].Help == "" {
				panic("cli: usage names an option without help text: " + name)
			}
			lo := longOptions[i]
			names := "--" + lo.Name
			if c := shortFor(lo.Val); c != 0 {
				names = fmt.Sprintf("-%c, %s", c, names)
			}
			fmt.Fprintf(&b, "        %-25s%s\n", names, lo.Help)
		}
	}
	b.WriteByte('\n')
	b.WriteString(usageTail)
	return b.String()
}

// writeUsage prints the usage text to w and the family list to stderr, as
// net-tools' usage() does before exiting.
func writeUsage(w, stderr io.Writer) {
	io.WriteString(w, usageText())
	io.WriteString(stderr, FamilyListText)
}
