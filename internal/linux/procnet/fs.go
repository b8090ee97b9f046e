package procnet

import (
	"fmt"
	"io"
	"os"

	"github.com/gonetstat/netstat/internal/sockets"
)

// FS reads the socket tables from a proc file system. It implements
// sockets.Source.
type FS struct {
	// Root is the proc mount point; empty means "/proc".
	Root string
}

var _ sockets.Source = FS{}

// path returns the file name of table (relative to ROOT/net).
func (f FS) path(table string) string {
	return netPath(f.Root, table)
}

// inetTableNames names the /proc/net file of each Internet protocol, IPv4
// table first.
var inetTableNames = map[sockets.Protocol][2]string{
	sockets.TCP:     {"tcp", "tcp6"},
	sockets.UDP:     {"udp", "udp6"},
	sockets.UDPLite: {"udplite", "udplite6"},
	sockets.Raw:     {"raw", "raw6"},
}

// readTable opens ROOT/net/table and hands it to parse. The open error is
// returned as os.Open gives it, so errors.Is works with fs.ErrNotExist and
// fs.ErrPermission.
func (f FS) readTable(table string, parse func(io.Reader) error) error {
	file, err := os.Open(f.path(table))
	if err != nil {
		return err
	}
	defer file.Close()
	if err := parse(file); err != nil {
		return fmt.Errorf("reading %s: %w", file.Name(), err)
	}
	return nil
}

// Inet reads ROOT/net/tcp, udp, udplite or raw, or their IPv6 tables.
func (f FS) Inet(p sockets.Protocol, ipv6 bool, visit func(*sockets.Socket), bad func()) error {
	names, ok := inetTableNames[p]
	if !ok {
		return fmt.Errorf("procnet: protocol %d has no Internet socket table", p)
	}
	name := names[0]
	if ipv6 {
		name = names[1]
	}
	return f.readTable(name, func(r io.Reader) error { return ParseInet(r, p, ipv6, visit, bad) })
}

// Unix reads ROOT/net/unix.
func (f FS) Unix(visit func(*sockets.UnixSocket), bad func()) error {
	return f.readTable("unix", func(r io.Reader) error { return ParseUnix(r, visit, bad) })
}

// sctpDir is the directory of the SCTP tables: sctp6 for IPv6, which modern
// kernels do not have.
func sctpDir(ipv6 bool) string {
	if ipv6 {
		return "sctp6"
	}
	return "sctp"
}

// SCTPEndpoints reads ROOT/net/sctp/eps (ROOT/net/sctp6/eps for ipv6).
func (f FS) SCTPEndpoints(ipv6 bool, visit func(*sockets.SCTPEndpoint), bad func()) error {
	return f.readTable(sctpDir(ipv6)+"/eps", func(r io.Reader) error { return ParseSCTPEndpoints(r, visit, bad) })
}

// SCTPAssocs reads ROOT/net/sctp/assocs (ROOT/net/sctp6/assocs for ipv6).
func (f FS) SCTPAssocs(ipv6 bool, visit func(*sockets.SCTPAssoc), bad func()) error {
	return f.readTable(sctpDir(ipv6)+"/assocs", func(r io.Reader) error { return ParseSCTPAssocs(r, visit, bad) })
}
