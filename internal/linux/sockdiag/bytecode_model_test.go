package sockdiag

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"testing"

	"github.com/gonetstat/netstat/internal/sockets"
	"golang.org/x/sys/unix"
)

// Two models of the kernel, which the bytecode tests check programs against,
// written from the rules of net/ipv4/inet_diag.c: bcAudit (what
// inet_diag_bc_audit accepts) and bcRun (what inet_diag_bc_run keeps).

// bcEntry is what the kernel's program sees of a socket (struct
// inet_diag_entry): family, addresses as stored (4 or 16 bytes, network
// order), local port (inet_num) and remote port, host order.
type bcEntry struct {
	family       uint8
	saddr, daddr []byte
	sport, dport uint16
}

// entryOf is the entry of a decoded row: the same fields the kernel fills
// the row from.
func entryOf(s *sockets.Socket) bcEntry {
	e := bcEntry{family: unix.AF_INET6, saddr: s.Local.Addr().AsSlice(), daddr: s.Remote.Addr().AsSlice(),
		sport: s.Local.Port(), dport: s.Remote.Port()}
	if s.Local.Addr().Is4() {
		e.family = unix.AF_INET
	}
	return e
}

// bcOp is one decoded struct inet_diag_bc_op.
func bcOp(bc []byte, pos int) (code uint8, yes, no int) {
	return bc[pos], int(bc[pos+1]), int(binary.NativeEndian.Uint16(bc[pos+2:]))
}

// bcAudit is inet_diag_bc_audit for the operations a program of ours may
// hold (no DEV, MARK or CGROUP conditions, which it never emits; NOP and
// AUTO are accepted as the kernel accepts them).
func bcAudit(bc []byte) error {
	if len(bc) < opLen {
		return errors.New("shorter than one operation")
	}
	pos, n := 0, len(bc)
	for n > 0 {
		if n < opLen {
			return fmt.Errorf("at %d: %d bytes left, not an operation", pos, n)
		}
		code, yes, no := bcOp(bc, pos)
		minLen := opLen
		switch code {
		case bcSCond, bcDCond:
			minLen += hostcondLen
			if n < minLen {
				return fmt.Errorf("at %d: truncated host condition", pos)
			}
			var addrLen int
			switch bc[pos+opLen] {
			case unix.AF_UNSPEC:
				addrLen = 0
			case unix.AF_INET:
				addrLen = 4
			case unix.AF_INET6:
				addrLen = 16
			default:
				return fmt.Errorf("at %d: family %d", pos, bc[pos+opLen])
			}
			minLen += addrLen
			if n < minLen {
				return fmt.Errorf("at %d: truncated address", pos)
			}
			if int(bc[pos+opLen+1]) > 8*addrLen {
				return fmt.Errorf("at %d: prefix length %d", pos, bc[pos+opLen+1])
			}
		case bcSGE, bcSLE, bcDGE, bcDLE, bcSEQ, bcDEQ:
			minLen += opLen
			if n < minLen {
				return fmt.Errorf("at %d: truncated port comparison", pos)
			}
		case 0 /* NOP */, bcJmp, 6 /* AUTO */ :
		default:
			return fmt.Errorf("at %d: code %d", pos, code)
		}
		if code != 0 {
			if no < minLen || no > n+4 || no&3 != 0 {
				return fmt.Errorf("at %d: no %d (length %d, %d left)", pos, no, minLen, n)
			}
			if no < n && !bcValidCC(bc, n-no) {
				return fmt.Errorf("at %d: no %d lands off the yes chain", pos, no)
			}
		}
		if yes < minLen || yes > n+4 || yes&3 != 0 {
			return fmt.Errorf("at %d: yes %d (length %d, %d left)", pos, yes, minLen, n)
		}
		pos += yes
		n -= yes
	}
	if n != 0 {
		return fmt.Errorf("the yes chain ends %d bytes past the end", -n)
	}
	return nil
}

// bcValidCC is valid_cc: whether following yes from the start reaches
// the point with cc bytes left.
func bcValidCC(bc []byte, cc int) bool {
	pos, n := 0, len(bc)
	for n >= 0 {
		if cc > n {
			return false
		}
		if cc == n {
			return true
		}
		_, yes, _ := bcOp(bc, pos)
		if yes < 4 || yes&3 != 0 {
			return false
		}
		n -= yes
		pos += yes
	}
	return false
}

// bitstringMatch is the kernel's bitstring_match: the first bits bits of
// a and b are equal.
func bitstringMatch(a, b []byte, bits int) bool {
	full := bits / 8
	if !bytes.Equal(a[:full], b[:full]) {
		return false
	}
	if rest := bits % 8; rest != 0 {
		mask := byte(0xff << (8 - rest))
		return (a[full]^b[full])&mask == 0
	}
	return true
}

// bcRun is inet_diag_bc_run: whether the (audited) program keeps e.
func bcRun(bc []byte, e bcEntry) bool {
	pos, n := 0, len(bc)
	for n > 0 {
		code, yes, no := bcOp(bc, pos)
		ok := true
		operand := func() uint16 { return binary.NativeEndian.Uint16(bc[pos+opLen+2:]) }
		switch code {
		case 0:
		case bcJmp:
			ok = false
		case bcSEQ:
			ok = e.sport == operand()
		case bcSGE:
			ok = e.sport >= operand()
		case bcSLE:
			ok = e.sport <= operand()
		case bcDEQ:
			ok = e.dport == operand()
		case bcDGE:
			ok = e.dport >= operand()
		case bcDLE:
			ok = e.dport <= operand()
		case bcSCond, bcDCond:
			family, bits := bc[pos+opLen], int(bc[pos+opLen+1])
			port := int32(binary.NativeEndian.Uint32(bc[pos+opLen+4:]))
			cond := bc[pos+opLen+hostcondLen:]
			p, addr := e.sport, e.saddr
			if code == bcDCond {
				p, addr = e.dport, e.daddr
			}
			switch {
			case port != -1 && port != int32(p):
				ok = false
			case family != unix.AF_UNSPEC && family != e.family:
				ok = e.family == unix.AF_INET6 && family == unix.AF_INET &&
					bytes.Equal(addr[:12], []byte{10: 0xff, 11: 0xff}) && bitstringMatch(addr[12:], cond, bits)
			case bits == 0:
			default:
				ok = bitstringMatch(addr, cond, bits)
			}
		default:
			panic(fmt.Sprintf("code %d", code))
		}
		if ok {
			pos, n = pos+yes, n-yes
		} else {
			pos, n = pos+no, n-no
		}
	}
	return n == 0
}

// checkLayout audits prog and checks that every operation falls through
// on yes and jumps on no to an operation boundary, the end (keep) or one
// operation past it (drop).
func checkLayout(t testing.TB, prog []byte) {
	t.Helper()
	if err := bcAudit(prog); err != nil {
		t.Fatalf("audit: %v\n% x", err, prog)
	}
	if len(prog) > maxProgramLen || len(prog)%4 != 0 {
		t.Fatalf("program of %d bytes", len(prog))
	}
	bounds := map[int]bool{len(prog): true, len(prog) + opLen: true}
	var ops []int
	for pos := 0; pos < len(prog); {
		bounds[pos] = true
		ops = append(ops, pos)
		_, yes, _ := bcOp(prog, pos)
		pos += yes
	}
	for _, pos := range ops {
		code, yes, no := bcOp(prog, pos)
		size := 2 * opLen
		switch code {
		case bcJmp:
			size = opLen
		case bcSCond, bcDCond:
			size = opLen + hostcondLen + 4
			if prog[pos+opLen] == unix.AF_INET6 {
				size += 12
			}
		}
		if yes != size {
			t.Fatalf("op at %d (code %d): yes %d, size %d", pos, code, yes, size)
		}
		if !bounds[pos+no] {
			t.Fatalf("op at %d: no %d lands at %d, not an operation boundary", pos, no, pos+no)
		}
	}
}
