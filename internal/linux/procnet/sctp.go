package procnet

import (
	"io"
	"net/netip"

	"github.com/gonetstat/netstat/internal/sockets"
)

// ParseSCTPEndpoints reads /proc/net/sctp/eps from r and calls visit once per
// row with a reused SCTPEndpoint (its Local slice is reused too).
//
// As in net-tools, fields are strtok tokens: ENDPT, SOCK, STY, SST, HBKT,
// LPORT, UID, INODE, then the rest of the line up to a tab holds the local
// addresses. A line without an INODE token is bad. Numbers are read with
// atoi (SST, LPORT, UID, all cut to a C int; LPORT then to 16 bits) and
// strtoul base 0 (INODE), so junk reads as 0, never as a bad line. Addresses
// follow sctpAddr; net-tools strips no '*' here, so "*1.2.3.4" is
// 255.255.255.255.
func ParseSCTPEndpoints(r io.Reader, visit func(*sockets.SCTPEndpoint), bad func()) error {
	var ep sockets.SCTPEndpoint
	return eachProcLine(r, func(n int, line []byte) {
		if n == 0 {
			return
		}
		t := cTokenizer{b: line}
		var tok [8][]byte
		for i := range tok {
			tok[i] = t.next(cBlanks)
		}
		addrs := t.next("\t\n")
		if tok[7] == nil {
			if bad != nil {
				bad()
			}
			return
		}
		inode, _, _ := cStrtoul(tok[7], 0)
		ep = sockets.SCTPEndpoint{
			State:     int(cAtoi(tok[3])),
			LocalPort: uint16(cAtoi(tok[5])),
			UID:       uint32(cAtoi(tok[6])),
			Inode:     inode,
			Local:     sctpAddrList(ep.Local[:0], addrs, false),
		}
		visit(&ep)
	})
}

// ParseSCTPAssocs reads /proc/net/sctp/assocs from r and calls visit once per
// row with a reused SCTPAssoc (its Local and Remote slices are reused too).
//
// As in net-tools, fields are strtok tokens: ASSOC, SOCK, STY, SST, ST, HBKT,
// ASSOC-ID, TX_QUEUE, RX_QUEUE, UID, INODE, LPORT, RPORT; a line without an
// RPORT token is bad. The rest of the line is cut at any of '<', '-', '>',
// tab or newline: the first piece lists the local addresses, the next one the
// remote addresses (so the remote list ends at the tab before HBINT).
// A leading '*' (primary path) is dropped from each address. Numbers are
// read with atoi (queues, SST, UID, ports) and strtoul base 0 (INODE).
func ParseSCTPAssocs(r io.Reader, visit func(*sockets.SCTPAssoc), bad func()) error {
	var as sockets.SCTPAssoc
	return eachProcLine(r, func(n int, line []byte) {
		if n == 0 {
			return
		}
		t := cTokenizer{b: line}
		var tok [13][]byte
		for i := range tok {
			tok[i] = t.next(cBlanks)
		}
		local := t.next("<->\t\n")
		remote := t.next("<->\t\n")
		if tok[12] == nil {
			if bad != nil {
				bad()
			}
			return
		}
		inode, _, _ := cStrtoul(tok[10], 0)
		as = sockets.SCTPAssoc{
			State:      int(cAtoi(tok[3])),
			SendQ:      uint64(uint32(cAtoi(tok[7]))),
			RecvQ:      uint64(uint32(cAtoi(tok[8]))),
			UID:        uint32(cAtoi(tok[9])),
			Inode:      inode,
			LocalPort:  uint16(cAtoi(tok[11])),
			RemotePort: uint16(cAtoi(tok[12])),
			Local:      sctpAddrList(as.Local[:0], local, true),
			Remote:     sctpAddrList(as.Remote[:0], remote, true),
		}
		visit(&as)
	})
}

// sctpAddrList appends the addresses of the blank-separated list to dst.
func sctpAddrList(dst []netip.Addr, list []byte, dropStar bool) []netip.Addr {
	t := cTokenizer{b: list}
	for tok := t.next(cBlanks); tok != nil; tok = t.next(cBlanks) {
		if dropStar && tok[0] == '*' {
			tok = tok[1:]
		}
		dst = append(dst, sctpAddr(tok))
	}
	return dst
}
