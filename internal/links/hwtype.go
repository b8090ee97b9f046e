package links

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// hwType is one entry of net-tools' hardware type table, as compiled into
// the Debian 12 build (no InfiniBand, Token Ring, STRIP or Econet).
type hwType struct {
	arphrd int32 // ARPHRD_* value; -1 for the catch-all
	name   string
	title  string
	// alen is the address length, used to decide whether an address is
	// all zeros for types that suppress a null address.
	alen         int
	print        func(addr []byte) string // nil: no address is printed
	suppressNull bool
}

// hwTypes is searched in order; the last entry catches every other type.
var hwTypes = []hwType{
	{772, "loop", "Local Loopback", 0, nil, false},
	{256, "slip", "Serial Line IP", 0, nil, false},
	{257, "cslip", "VJ Serial Line IP", 0, nil, false},
	{258, "slip6", "6-bit Serial Line IP", 0, nil, false},
	{259, "cslip6", "VJ 6-bit Serial Line IP", 0, nil, false},
	{264, "adaptive", "Adaptive Serial Line IP", 0, nil, false},
	{781, "ash", "Ash", 64, printAsh, true},
	{1, "ether", "Ethernet", 6, printEther, false},
	{3, "ax25", "AMPR AX.25", 7, printAX25, false},
	{0, "netrom", "AMPR NET/ROM", 7, printAX25, false},
	{270, "rose", "AMPR ROSE", 10, printRose, false},
	{768, "tunnel", "IPIP Tunnel", 0, func([]byte) string { return "" }, false},
	{512, "ppp", "Point-to-Point Protocol", 0, nil, false},
	{513, "hdlc", "(Cisco)-HDLC", 0, nil, false},
	{516, "lapb", "LAPB", 0, nil, false},
	{7, "arcnet", "ARCnet", 1, printArcnet, false},
	{15, "dlci", "Frame Relay DLCI", 3, printDLCI, false},
	{770, "frad", "Frame Relay Access Device", 0, nil, false},
	{776, "sit", "IPv6-in-IPv4", 0, nil, false},
	{774, "fddi", "Fiber Distributed Data Interface", 6, printFDDI, false},
	{780, "hippi", "HIPPI", 6, printHIPPI, false},
	{783, "irda", "IrLAP", 2, printIrDA, false},
	{271, "x25", "generic X.25", 16, printX25, false},
	{27, "eui64", "Generic EUI-64", 8, printEUI64, false},
	{-1, "unspec", "UNSPEC", 0, printUnspec, false},
}

// Hardware types with compressed-packet counters (CSLIP, CSLIP6).
const (
	arphrdCSLIP  = 257
	arphrdCSLIP6 = 259
)

// lookupHWType finds the table entry for an ARPHRD value. net-tools keeps
// the type in a C short, so values above 32767 are negative there.
func lookupHWType(t uint16) *hwType {
	v := int32(int16(t))
	for i := range hwTypes {
		if hwTypes[i].arphrd == v {
			return &hwTypes[i]
		}
	}
	return &hwTypes[len(hwTypes)-1]
}

// hwAddrBuffer returns the bytes the address printers read: the first 8
// bytes of the kernel's address (all net-tools keeps), then zeros.
func hwAddrBuffer(addr []byte) []byte {
	buf := make([]byte, 64)
	copy(buf[:8], addr)
	return buf
}

// isNull reports whether the first alen bytes of addr are zero.
func (h *hwType) isNull(addr []byte) bool {
	for _, b := range addr[:h.alen] {
		if b != 0 {
			return false
		}
	}
	return true
}

func joinHex(addr []byte, format, sep string) string {
	parts := make([]string, len(addr))
	for i, b := range addr {
		parts[i] = fmt.Sprintf(format, b)
	}
	return strings.Join(parts, sep)
}

func printEther(a []byte) string  { return joinHex(a[:6], "%02x", ":") }
func printFDDI(a []byte) string   { return joinHex(a[:6], "%02X", "-") }
func printHIPPI(a []byte) string  { return joinHex(a[:6], "%02X", ":") }
func printEUI64(a []byte) string  { return joinHex(a[:8], "%02X", ":") }
func printRose(a []byte) string   { return joinHex(a[:5], "%02x", "") }
func printArcnet(a []byte) string { return fmt.Sprintf("%02X", a[0]) }

// printUnspec writes the 16 bytes of a struct sockaddr, "%02X" joined by '-'.
func printUnspec(a []byte) string { return joinHex(a[:16], "%02X", "-") }

// printDLCI is the first two bytes as a host-order (little-endian) short.
func printDLCI(a []byte) string {
	return fmt.Sprintf("%d", int16(binary.LittleEndian.Uint16(a[:2])))
}

// printAX25 decodes a shifted callsign: six characters, cut at the first
// space or NUL, then "-SSID" when the SSID is not zero.
func printAX25(a []byte) string {
	var call []byte
	for i := 0; i < 6; i++ {
		c := a[i] >> 1
		if c == ' ' || c == 0 {
			break
		}
		call = append(call, c)
	}
	s := string(call)
	if ssid := (a[6] & 0x1e) >> 1; ssid != 0 {
		s += fmt.Sprintf("-%d", ssid)
	}
	return s
}

// printIrDA prints bytes 3..0 with "%02x" of a signed char (so a byte over
// 0x7f becomes ffffffXX), in an 12-byte buffer.
func printIrDA(a []byte) string {
	s := fmt.Sprintf("%02x:%02x:%02x:%02x",
		uint32(int32(int8(a[3]))), uint32(int32(int8(a[2]))),
		uint32(int32(int8(a[1]))), uint32(int32(int8(a[0]))))
	if len(s) > 11 {
		s = s[:11]
	}
	return s
}

// printX25 is the address as a C string of at most 16 bytes.
func printX25(a []byte) string {
	b := a[:16]
	for i, c := range b {
		if c == 0 {
			return string(b[:i])
		}
	}
	return string(b)
}

// printAsh reproduces net-tools' pr_ash: its end-of-address test never
// matches a signed char, so all 64 bytes are written with "%1x", each
// overwriting all but the first character of the one before.
func printAsh(a []byte) string {
	var sb strings.Builder
	sb.WriteByte('[')
	for i := 0; i < 64; i++ {
		sb.WriteByte(fmt.Sprintf("%x", uint32(int32(int8(a[i]))))[0])
	}
	sb.WriteByte(']')
	return sb.String()
}
