package sockdiag

import (
	"cmp"
	"encoding/binary"
	"net/netip"
	"slices"

	"golang.org/x/sys/unix"
)

// Match describes, by port and address, the sockets a caller keeps, so
// that the kernel can drop the others before sending them: the Reader
// compiles it into an inet_diag filter program (INET_DIAG_REQ_BYTECODE)
// attached to its TCP, UDP and UDP-Lite dump requests. RAW dumps are never
// filtered: the port of a RAW record is its protocol number, which the
// kernel's port tests do not see.
//
// Each non-empty list is a choice (a socket matches one of its items) and
// the lists combine with AND; an empty list does not restrict. Ports
// matches either end, LocalPorts the local end, RemotePorts the remote
// end; port 0 is the port of an unconnected end, as the records show it.
// Prefixes matches either end's address as internal/filter does: an IPv4
// prefix also matches IPv4-mapped IPv6 addresses (::ffff:a.b.c.d), an
// IPv4-mapped prefix of 96 bits or more is the IPv4 prefix it carries, and
// any other IPv6 prefix never matches an IPv4 socket.
//
// The kernel keeps at least every socket the description matches; it may
// keep more (an IPv6 prefix such as ::/0 also keeps the IPv4-mapped
// addresses it covers, and a description too large for one program loses
// whole lists), so the caller still checks every row. The zero Match
// filters nothing and sends no program.
type Match struct {
	// Ports are the port ranges either end may be in (--port).
	Ports []PortRange
	// LocalPorts are the port ranges the local end must be in (--sport).
	LocalPorts []PortRange
	// RemotePorts are the port ranges the remote end must be in (--dport).
	RemotePorts []PortRange
	// Prefixes are the address prefixes either end may be in (--addr).
	Prefixes []netip.Prefix
}

// PortRange is an inclusive range of port numbers, Lo to Hi. A range with
// Lo above Hi holds no port.
type PortRange struct{ Lo, Hi uint16 }

// empty reports whether m restricts nothing.
func (m *Match) empty() bool {
	return len(m.Ports) == 0 && len(m.LocalPorts) == 0 && len(m.RemotePorts) == 0 && len(m.Prefixes) == 0
}

// Filter program encoding, from include/uapi/linux/inet_diag.h and the
// kernel's inet_diag_bc_run/inet_diag_bc_audit (net/ipv4/inet_diag.c).
//
// A program is a sequence of operations, each a struct inet_diag_bc_op
// {u8 code; u8 yes; u16 no} and its operand. The kernel runs it once per
// socket from the first operation: when the test holds it moves yes bytes
// forward, otherwise no bytes (a JMP always moves no bytes). Landing
// exactly on the end keeps the socket; anything else, in practice the
// offset one operation past the end, drops it. The audit wants yes and no
// to be multiples of 4, at least the operation's own length and at most 4
// bytes past the end; the yes chain from the start must end exactly at the
// end, and every no offset short of the end must land on an operation
// boundary of that yes chain.
const (
	// attrReqBytecode is INET_DIAG_REQ_BYTECODE, the request attribute
	// that carries the program.
	attrReqBytecode = 1

	bcJmp   = 1  // INET_DIAG_BC_JMP: always moves no bytes
	bcSGE   = 2  // INET_DIAG_BC_S_GE: local port >= operand
	bcSLE   = 3  // INET_DIAG_BC_S_LE: local port <= operand
	bcDGE   = 4  // INET_DIAG_BC_D_GE: remote port >= operand
	bcDLE   = 5  // INET_DIAG_BC_D_LE: remote port <= operand
	bcSCond = 7  // INET_DIAG_BC_S_COND: local address in prefix
	bcDCond = 8  // INET_DIAG_BC_D_COND: remote address in prefix
	bcSEQ   = 11 // INET_DIAG_BC_S_EQ: local port == operand (Linux 4.17)
	bcDEQ   = 12 // INET_DIAG_BC_D_EQ: remote port == operand (Linux 4.17)

	// opLen is sizeof(struct inet_diag_bc_op). A port comparison takes its
	// port from the no field of a second one.
	opLen = 4
	// hostcondLen is sizeof(struct inet_diag_hostcond) without its
	// address: u8 family, u8 prefix_len, 2 bytes of padding, int port (-1
	// for any port).
	hostcondLen = 8

	// maxProgramLen is the largest program sent: the attribute's length
	// (a u16, header included) and a no offset one past the end (a u16)
	// must both fit.
	maxProgramLen = 0xffff - 4 - 3
)

// bcTest is one operation that tests a socket: a port comparison
// (code, port) or a host condition (code, family, bits, addr).
type bcTest struct {
	code   uint8
	port   uint16
	family uint8
	bits   uint8
	addr   netip.Addr
}

// size is the length of the operation with its operand.
func (t *bcTest) size() int {
	switch t.code {
	case bcSCond, bcDCond:
		if t.family == unix.AF_INET {
			return opLen + hostcondLen + 4
		}
		return opLen + hostcondLen + 16
	}
	return 2 * opLen
}

// bcAtom holds when all of its tests hold.
type bcAtom []bcTest

// bcClause holds when one of its atoms holds.
type bcClause []bcAtom

// size is the length of the atoms of c and of the JMP after each atom but
// the last.
func (c bcClause) size() int {
	n := opLen * (len(c) - 1)
	for _, a := range c {
		for i := range a {
			n += a[i].size()
		}
	}
	return n
}

// compile returns the filter program for m, or nil when m restricts
// nothing. With eq false it uses no S_EQ/D_EQ, which kernels before 4.17
// refuse.
func (m *Match) compile(eq bool) []byte {
	return layout(m.clauses(eq))
}

// clauses returns the conditions of m, all of which must hold. A list that
// restricts nothing (a range of every port, prefixes covering every
// address) or that matches nothing (only empty ranges, invalid prefixes)
// gives no clause: the program then keeps more than m, never less.
// Clauses are dropped, largest first, until the program fits.
func (m *Match) clauses(eq bool) []bcClause {
	var cs []bcClause
	add := func(c bcClause) {
		if len(c) > 0 {
			cs = append(cs, c)
		}
	}
	add(portClause(m.RemotePorts, false, true, eq))
	add(portClause(m.LocalPorts, true, false, eq))
	add(portClause(m.Ports, true, true, eq))
	add(prefixClause(m.Prefixes))
	for total(cs) > maxProgramLen {
		i := 0
		for j := range cs {
			if cs[j].size() > cs[i].size() {
				i = j
			}
		}
		cs = slices.Delete(cs, i, i+1)
	}
	return cs
}

// total is the length of the program of cs.
func total(cs []bcClause) int {
	n := 0
	for _, c := range cs {
		n += c.size()
	}
	return n
}

// mergeRanges returns the valid ranges of l sorted, with overlapping and
// adjacent ones joined.
func mergeRanges(l []PortRange) []PortRange {
	var out []PortRange
	for _, r := range l {
		if r.Lo <= r.Hi {
			out = append(out, r)
		}
	}
	slices.SortFunc(out, func(a, b PortRange) int { return cmp.Compare(a.Lo, b.Lo) })
	merged := out[:0]
	for _, r := range out {
		if n := len(merged); n > 0 && uint32(r.Lo) <= uint32(merged[n-1].Hi)+1 {
			merged[n-1].Hi = max(merged[n-1].Hi, r.Hi)
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

// portClause is the clause "the local (local) or the remote (remote) port
// is in one of ranges"; nil when it restricts nothing or matches nothing.
func portClause(ranges []PortRange, local, remote bool, eq bool) bcClause {
	merged := mergeRanges(ranges)
	if len(merged) == 0 || merged[0] == (PortRange{0, 0xffff}) {
		return nil
	}
	var c bcClause
	for _, r := range merged {
		if local {
			c = append(c, rangeAtom(r, bcSGE, bcSLE, bcSEQ, eq))
		}
		if remote {
			c = append(c, rangeAtom(r, bcDGE, bcDLE, bcDEQ, eq))
		}
	}
	return c
}

// rangeAtom tests one end's port against r (not every port) with the
// comparisons of that end.
func rangeAtom(r PortRange, ge, le, eqCode uint8, eq bool) bcAtom {
	switch {
	case r.Lo == r.Hi && eq:
		return bcAtom{{code: eqCode, port: r.Lo}}
	case r.Lo == 0:
		return bcAtom{{code: le, port: r.Hi}}
	case r.Hi == 0xffff:
		return bcAtom{{code: ge, port: r.Lo}}
	}
	return bcAtom{{code: ge, port: r.Lo}, {code: le, port: r.Hi}}
}

// normPrefix gives p as it matches addresses: an IPv4-mapped prefix of 96
// bits or more becomes its IPv4 prefix, host bits are cleared. It reports
// false for an invalid prefix, which matches nothing.
func normPrefix(p netip.Prefix) (netip.Prefix, bool) {
	if !p.IsValid() {
		return p, false
	}
	if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
		p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
	}
	return p.Masked(), true
}

// prefixClause is the clause "the local or the remote address is in one
// of prefixes"; nil when it restricts nothing or matches nothing.
//
// The kernel tests an AF_INET condition against an AF_INET socket's
// address, and against an AF_INET6 socket's address when it is
// IPv4-mapped, by the IPv4 address it carries: exactly the IPv4 prefix of
// internal/filter. An AF_INET6 condition never matches an AF_INET socket,
// and matches any AF_INET6 address in it, mapped ones included, where
// internal/filter would compare a mapped address as IPv4 (and not match):
// the program keeps more there, which is allowed.
func prefixClause(prefixes []netip.Prefix) bcClause {
	var ps []netip.Prefix
	for _, p := range prefixes {
		if q, ok := normPrefix(p); ok {
			ps = append(ps, q)
		}
	}
	// Drop the prefixes another one contains; shortest first, so that
	// the one kept is the containing one.
	slices.SortStableFunc(ps, func(a, b netip.Prefix) int { return cmp.Compare(a.Bits(), b.Bits()) })
	kept := ps[:0]
	for _, p := range ps {
		inside := false
		for _, k := range kept {
			if k.Addr().Is4() == p.Addr().Is4() && k.Contains(p.Addr()) {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, p)
		}
	}
	if len(kept) == 0 {
		return nil
	}
	// 0.0.0.0/0 and ::/0 together match every address of either family.
	var all4, all6 bool
	for _, p := range kept {
		if p.Bits() == 0 {
			all4 = all4 || p.Addr().Is4()
			all6 = all6 || p.Addr().Is6()
		}
	}
	if all4 && all6 {
		return nil
	}
	var c bcClause
	for _, p := range kept {
		family := uint8(unix.AF_INET6)
		if p.Addr().Is4() {
			family = unix.AF_INET
		}
		for _, code := range []uint8{bcSCond, bcDCond} {
			c = append(c, bcAtom{{code: code, family: family, bits: uint8(p.Bits()), addr: p.Addr()}})
		}
	}
	return c
}

// layout encodes the clauses, all of which must hold, as a program: nil
// for none. Every operation's yes moves to the next one, so every
// operation boundary is on the yes chain. In a clause, a failed test of an
// atom moves to the clause's next atom (for the last atom: one operation
// past the end, which drops the socket), and a JMP after each atom but
// the last moves past the clause once the atom held.
func layout(cs []bcClause) []byte {
	if len(cs) == 0 {
		return nil
	}
	end := total(cs)
	prog := make([]byte, 0, end)
	op := func(code uint8, yes, no int) {
		prog = append(prog, code, uint8(yes))
		prog = binary.NativeEndian.AppendUint16(prog, uint16(no))
	}
	for _, c := range cs {
		clauseEnd := len(prog) + c.size()
		for ai, a := range c {
			next := end + opLen // drop
			if ai < len(c)-1 {
				next = len(prog) + opLen
				for i := range a {
					next += a[i].size()
				}
			}
			for i := range a {
				t := &a[i]
				here := len(prog)
				op(t.code, t.size(), next-here)
				switch t.code {
				case bcSCond, bcDCond:
					prog = append(prog, t.family, t.bits, 0, 0)
					prog = binary.NativeEndian.AppendUint32(prog, ^uint32(0)) // port -1: any
					prog = append(prog, t.addr.AsSlice()...)
				default:
					prog = append(prog, 0, 0)
					prog = binary.NativeEndian.AppendUint16(prog, t.port)
				}
			}
			if ai < len(c)-1 {
				here := len(prog)
				op(bcJmp, opLen, clauseEnd-here)
			}
		}
	}
	return prog
}

// appendBytecode appends prog to a request body b as its
// INET_DIAG_REQ_BYTECODE attribute. The bodies (56 and 60 bytes) and the
// program are multiples of 4, so no padding is needed.
func appendBytecode(b, prog []byte) []byte {
	b = binary.NativeEndian.AppendUint16(b, uint16(4+len(prog)))
	b = binary.NativeEndian.AppendUint16(b, attrReqBytecode)
	return append(b, prog...)
}
