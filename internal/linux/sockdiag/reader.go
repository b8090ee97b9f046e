package sockdiag

import (
	"errors"
	"fmt"

	"github.com/gonetstat/netstat/internal/sockets"
	"github.com/mdlayher/netlink"
	"golang.org/x/sys/unix"
)

// ErrUnsupported is wrapped by every error that means "sock_diag cannot
// give this table exactly as /proc does": the UNIX, SCTP and legacy
// tables, a kernel without NETLINK_SOCK_DIAG, or a protocol whose diag
// handler the kernel lacks (raw_diag is often not built). The caller then
// reads /proc/net instead. It also matches errors.ErrUnsupported.
var ErrUnsupported = fmt.Errorf("not served by sock_diag: %w", errors.ErrUnsupported)

// Reader reads the Internet socket tables over one NETLINK_SOCK_DIAG
// socket. It implements sockets.Source. A Reader is not safe for
// concurrent use, and it reads the network namespace it was opened in.
type Reader struct {
	// States, when non-zero, makes the kernel send only the sockets whose
	// state bit is set: bit n stands for kernel state n, e.g.
	// 1<<sockets.Listen for "netstat -l" over TCP, or
	// 1<<sockets.Close for unconnected UDP and RAW sockets. SYN_RECV
	// includes request sockets; TIME_WAIT sockets match on their substate
	// (TIME_WAIT or FIN_WAIT2), as /proc prints them. Zero means every
	// state /proc lists. It only saves work: net-tools picks servers by
	// remote port (TCP) or remote address (others), which the caller must
	// still check on each row.
	States uint32
	// Timers asks the kernel for tcp_info with every TCP socket so that
	// Retransmits and Timeout are both exact (see the package comment).
	// Leave it off unless the timer column (-o) is printed: it makes every
	// TCP message about 250 bytes longer.
	Timers bool
	// BothFamilies says that TCP is read for both families, IPv4 and then
	// IPv6, as netstat lists them. Inet(TCP, false, ...) then sends one
	// request for both (the legacy TCPDIAG_GETSOCK, which the kernel
	// serves with one walk of its hash tables where two per-family
	// requests walk them twice), visits the IPv4 rows as they arrive and
	// keeps the IPv6 rows, which the next Inet(TCP, true, ...) visits
	// without asking the kernel again. The rows, and their order, are
	// those of the two per-family dumps.
	BothFamilies bool
	// TCPInfo asks the kernel for tcp_info and the congestion control
	// name with every TCP socket and hands them over in Socket.Info
	// (--tcp-info), a record reused from row to row like the Socket.
	// Rows without tcp_info (TIME_WAIT, request sockets) and listeners
	// get a nil Info. It turns BothFamilies off: TCP is then read with
	// one request per family.
	TCPInfo bool
	// Match, when not zero, has the kernel drop the TCP, UDP and UDP-Lite
	// sockets whose ports and addresses it does not match, with a filter
	// program (INET_DIAG_REQ_BYTECODE) after each dump request; RAW is
	// never filtered this way. Like States it only saves work: the kernel
	// keeps every socket Match matches and may keep more, so the caller
	// still checks every row. A kernel that refuses the program is asked
	// again without S_EQ/D_EQ (older than 4.17), then without a program,
	// silently; with BothFamilies, a kernel that refuses it on the legacy
	// request is asked per family.
	Match Match

	conn *netlink.Conn
	cfg  netlink.Config
	req  request
	rec  sockets.Socket
	buf  []byte // receive buffer of the dumps, recvBufferSize bytes

	// held is the IPv6 half of the last TCP dump of both families, until
	// Inet(TCP, true, ...) visits it; noLegacy records that the kernel
	// refused the legacy request.
	held     heldRows
	noLegacy bool

	// bcLevel is how far the kernel's refusals have taken the filter
	// program: bcFull, bcNoEQ or bcNone. noLegacyBC records that the
	// kernel refused the legacy request with a program. msg holds a
	// request body with its program attribute.
	bcLevel    uint8
	noLegacyBC bool
	msg        []byte

	// listeners resolves the uid of request sockets; made on first use.
	listeners *listenerUIDs

	// infos decodes tcp_info into the record's Info (TCPInfo only).
	infos tcpInfoDecoder
}

var _ sockets.Source = (*Reader)(nil)

// Open opens a Reader on a NETLINK_SOCK_DIAG socket in the calling thread's
// network namespace. A kernel without sock_diag gives an error wrapping
// ErrUnsupported.
func Open() (*Reader, error) {
	return open(netlink.Config{})
}

// OpenNetNS is Open in the network namespace that fd (an open
// /proc/PID/ns/net or /run/netns/NAME) refers to. The Reader keeps using fd
// for a helper socket it may open later, so fd must stay open until Close.
func OpenNetNS(fd int) (*Reader, error) {
	return open(netlink.Config{NetNS: fd})
}

func open(cfg netlink.Config) (*Reader, error) {
	conn, err := dial(cfg)
	if err != nil {
		return nil, err
	}
	return &Reader{conn: conn, cfg: cfg}, nil
}

// recvBufferSize is the receive buffer handed to recvmsg. Netlink sizes a
// dump's datagrams after the largest buffer the reader has offered, up to
// 32 KiB, so a large one means far fewer datagrams (and system calls and
// allocations) than the default peek-then-allocate reads, which keep the
// kernel at about 4 KiB per datagram.
const recvBufferSize = 64 << 10

func dial(cfg netlink.Config) (*netlink.Conn, error) {
	c := cfg
	c.MessageBufferSize = recvBufferSize
	conn, err := netlink.Dial(unix.NETLINK_SOCK_DIAG, &c)
	if err != nil {
		if errors.Is(err, unix.EPROTONOSUPPORT) || errors.Is(err, unix.EAFNOSUPPORT) {
			return nil, fmt.Errorf("sockdiag: %w: %w", ErrUnsupported, err)
		}
		return nil, fmt.Errorf("sockdiag: %w", err)
	}
	return conn, nil
}

// Close closes the netlink sockets.
func (r *Reader) Close() error {
	var err error
	if r.listeners != nil {
		err = r.listeners.close()
		r.listeners = nil
	}
	if r.conn != nil {
		err = errors.Join(r.conn.Close(), err)
		r.conn = nil
	}
	return err
}

// inetProtocols maps a table to its IP protocol number (the sock_diag
// handler that dumps it).
var inetProtocols = [...]struct {
	proto uint8
	name  string
}{
	sockets.TCP:     {unix.IPPROTO_TCP, "tcp"},
	sockets.UDP:     {unix.IPPROTO_UDP, "udp"},
	sockets.UDPLite: {unix.IPPROTO_UDPLITE, "udplite"},
	sockets.Raw:     {unix.IPPROTO_RAW, "raw"},
}

// Inet dumps the TCP, UDP, UDP-Lite or RAW sockets of one family (IPv6 when
// ipv6 is true) and calls visit for each, in /proc/net order, with a
// record reused from call to call. bad is called (if not nil) for a reply
// too short to decode. States, Timers and Match shape the request. A kernel
// without the protocol's diag handler gives an error wrapping
// ErrUnsupported, before any visit.
func (r *Reader) Inet(p sockets.Protocol, ipv6 bool, visit func(*sockets.Socket), bad func()) error {
	if int(p) >= len(inetProtocols) || inetProtocols[p].name == "" {
		return fmt.Errorf("sockdiag: protocol %d has no Internet socket table: %w", p, ErrUnsupported)
	}
	if r.conn == nil {
		return errors.New("sockdiag: Reader is closed")
	}
	family := uint8(unix.AF_INET)
	if ipv6 {
		family = unix.AF_INET6
	}
	var ext uint8
	if p == sockets.TCP && r.Timers {
		ext = extInfo
	}
	withInfo := p == sockets.TCP && r.TCPInfo
	if withInfo {
		ext |= extInfo | extCong
	}
	states := stateMask(r.States, p == sockets.TCP)
	prog := r.program(p)
	if p == sockets.TCP {
		if ipv6 && r.held.ready(ext, states, prog) {
			r.visitHeld(visit)
			return nil
		}
		r.held.drop()
		// The held IPv6 rows keep no tcp_info: with TCPInfo, ask per
		// family.
		if !ipv6 && r.BothFamilies && !r.noLegacy && !withInfo && (prog == nil || !r.noLegacyBC) {
			if done, err := r.inetTCPBoth(ext, states, prog, visit, bad); done {
				return err
			}
		}
	}
	r.req.dump(family, inetProtocols[p].proto, ext, states)
	for {
		seen, err := r.dumpFamily(p, ipv6, prog, withInfo, visit, bad)
		if err != nil && r.refused(err, prog, seen) {
			prog = r.program(p)
			continue
		}
		if err != nil {
			return r.dumpError(p, ipv6, err)
		}
		return nil
	}
}

// Filter program levels, Reader.bcLevel.
const (
	bcFull = iota // every operation
	bcNoEQ        // no S_EQ/D_EQ
	bcNone        // no program
)

// program returns the filter program of r.Match for a dump of protocol p,
// nil for none.
func (r *Reader) program(p sockets.Protocol) []byte {
	if p == sockets.Raw || r.bcLevel >= bcNone || r.Match.empty() {
		return nil
	}
	return r.Match.compile(r.bcLevel == bcFull)
}

// refused reports whether err, the error of a dump sent with prog that
// visited no row (seen false), is the kernel refusing the program, and
// then moves r to the next program level.
func (r *Reader) refused(err error, prog []byte, seen bool) bool {
	if prog == nil || seen || !errors.Is(err, unix.EINVAL) || r.bcLevel >= bcNone {
		return false
	}
	r.bcLevel++
	return true
}

// dumpFamily sends r.req, with prog when not nil, and visits the rows of
// the reply. seen reports whether any reply came before an error.
func (r *Reader) dumpFamily(p sockets.Protocol, ipv6 bool, prog []byte, withInfo bool, visit func(*sockets.Socket), bad func()) (seen bool, err error) {
	if r.listeners != nil {
		r.listeners.reset()
	}
	data := r.req[:]
	if prog != nil {
		r.msg = appendBytecode(append(r.msg[:0], r.req[:]...), prog)
		data = r.msg
	}
	_, err = r.conn.Send(netlink.Message{
		Header: netlink.Header{Type: unix.SOCK_DIAG_BY_FAMILY, Flags: netlink.Request | netlink.Dump},
		Data:   data,
	})
	if err != nil {
		return false, err
	}
	err = r.receiveDump(unix.SOCK_DIAG_BY_FAMILY, func(body []byte) {
		seen = true
		if !decodeInetDiag(body, p, ipv6, &r.rec) {
			if bad != nil {
				bad()
			}
			return
		}
		if isRequestSock(&r.rec) {
			r.rec.UID = r.listenerUID(r.rec.Local)
		}
		if withInfo {
			r.infos.attach(&r.rec, body[msgLen:])
		}
		visit(&r.rec)
	})
	return seen, err
}

// dumpError wraps an error of the dump of table (p, ipv6). ENOENT is the
// kernel's answer when no diag handler serves the protocol.
func (r *Reader) dumpError(p sockets.Protocol, ipv6 bool, err error) error {
	name := inetProtocols[p].name
	if ipv6 {
		name += "6"
	}
	if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.EPROTONOSUPPORT) {
		return fmt.Errorf("sockdiag: %s: %w: %w", name, ErrUnsupported, err)
	}
	return fmt.Errorf("sockdiag: %s: %w", name, err)
}

// Unix always fails with ErrUnsupported: unix_diag has no reference count
// (the RefCnt column) nor the SS_* socket state; read /proc/net/unix.
func (r *Reader) Unix(visit func(*sockets.UnixSocket), bad func()) error {
	return fmt.Errorf("sockdiag: unix: %w", ErrUnsupported)
}

// SCTPEndpoints always fails with ErrUnsupported: sctp_diag does not list
// the endpoints /proc/net/sctp/eps lists; read /proc.
func (r *Reader) SCTPEndpoints(ipv6 bool, visit func(*sockets.SCTPEndpoint), bad func()) error {
	return fmt.Errorf("sockdiag: sctp endpoints: %w", ErrUnsupported)
}

// SCTPAssocs always fails with ErrUnsupported: sctp_diag reports the
// association state where /proc prints the socket state; read /proc.
func (r *Reader) SCTPAssocs(ipv6 bool, visit func(*sockets.SCTPAssoc), bad func()) error {
	return fmt.Errorf("sockdiag: sctp associations: %w", ErrUnsupported)
}

// Legacy always fails with ErrUnsupported: IPX, AX.25, X.25, NET/ROM and
// ROSE have no sock_diag handler; ask /proc.
func (r *Reader) Legacy(f sockets.LegacyFamily) error {
	return fmt.Errorf("sockdiag: legacy family %d: %w", f, ErrUnsupported)
}
