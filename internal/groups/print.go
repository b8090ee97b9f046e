package groups

import (
	"errors"
	"io"
	"strconv"
	"syscall"

	"github.com/gonetstat/netstat/internal/addrtext"
	"github.com/gonetstat/netstat/internal/cerr"
	"github.com/gonetstat/netstat/internal/cfmt"
	"github.com/gonetstat/netstat/internal/cli"
)

// Header is the group section's header, printed before the rows.
const Header = "IPv6/IPv4 Group Memberships\n" +
	"Interface       RefCnt Group\n" +
	"--------------- ------ ---------------------\n"

// Print writes the multicast group section of a socket-listing pass: the
// header, then the IPv4 memberships if opts.Inet is set (or no socket kind
// is selected), then the IPv6 ones if opts.Inet6 is. It returns net-tools'
// result for the section: 0; 1 when /proc/net/igmp is missing or unreadable
// (and no family was named on the command line); 255 when opening it failed
// otherwise. A non-zero result ends the listing, with that exit status.
func Print(out, errOut io.Writer, opts *cli.Options, src Source, names Namer) int {
	io.WriteString(out, Header)
	numeric := opts.NumericHosts
	visit := func(m *Membership) {
		var text string
		if m.Group.Is4() {
			text = addrtext.IPv4(m.Group, numeric, names)
		} else {
			text = addrtext.IPv6(m.Group, numeric, names)
		}
		text = cfmt.Clip(text, 127)
		users := strconv.FormatInt(int64(m.Users), 10)
		io.WriteString(out, cfmt.Left(m.Interface, 15)+" "+cfmt.Left(users, 6)+" "+text+"\n")
	}
	bad := func(igmp6 bool, line int) {
		name := "igmp"
		if igmp6 {
			name = "igmp6"
		}
		io.WriteString(errOut, "warning, got bogus "+name+" line "+strconv.Itoa(line)+".\n")
	}
	rc := 0
	if opts.SocketKinds == 0 || opts.Inet {
		if err := src.IPv4(visit, bad); err != nil {
			if !errors.Is(err, syscall.ENOENT) && !errors.Is(err, syscall.EACCES) {
				io.WriteString(errOut, "/proc/net/igmp: "+cerr.Reason(err)+"\n")
				return 255
			}
			if !opts.NoProt && (opts.SocketKinds > 0 || opts.Verbose) {
				io.WriteString(errOut, "netstat: no support for `AF INET (igmp)' on this system.\n")
			}
			if !opts.NoProt && opts.SocketKinds > 0 {
				rc = 1
			}
		}
	}
	if opts.SocketKinds == 0 || opts.Inet6 {
		// net-tools ignores any failure to open /proc/net/igmp6.
		_ = src.IPv6(visit, bad)
	}
	return rc
}
