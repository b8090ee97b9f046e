package links

import (
	"fmt"
	"io"
	"net/netip"

	"github.com/gonetstat/netstat/internal/addrtext"
)

// mediaNames is if_port_text's first column, indexed by ifmap.port.
var mediaNames = [...]string{"unknown", "10base2", "10baseT", "AUI", "100baseT", "100baseTX", "100baseFX"}

// writeLong writes one ifconfig-style block, ended by an empty line.
func writeLong(w io.Writer, ifc *Interface) {
	fmt.Fprintf(w, "%s: %s  mtu %d", ifc.Name, longFlags(ifc.Flags), ifc.MTU)
	if ifc.Outfill != 0 || ifc.Keepalive != 0 {
		fmt.Fprintf(w, "  outfill %d  keepalive %d", ifc.Outfill, ifc.Keepalive)
	}
	io.WriteString(w, "\n")

	if ifc.HasIPv4 {
		fmt.Fprintf(w, "        inet %s  netmask %s", inet4Text(ifc.Addr), inet4Text(ifc.Netmask))
		if ifc.Flags&FlagBroadcast != 0 {
			fmt.Fprintf(w, "  broadcast %s", inet4Text(ifc.Broadcast))
		}
		if ifc.Flags&FlagPointToPt != 0 {
			fmt.Fprintf(w, "  destination %s", inet4Text(ifc.Destination))
		}
		io.WriteString(w, "\n")
	}

	for i := range ifc.IPv6 {
		a := &ifc.IPv6[i]
		fmt.Fprintf(w, "        inet6 %s  prefixlen %d  scopeid 0x%x%s\n",
			inet6Text(a.Addr), a.PrefixLen, a.Scope, scopeTag(a.Scope))
	}

	writeHardware(w, ifc)

	if ifc.Flags&FlagPortSel != 0 {
		media := "(null)"
		if int(ifc.Map.Port) < len(mediaNames) {
			media = mediaNames[ifc.Map.Port]
		}
		fmt.Fprintf(w, "        media %s", media)
		if ifc.Flags&FlagAutoMedia != 0 {
			io.WriteString(w, "autoselect")
		}
		io.WriteString(w, "\n")
	}

	if ifc.HasStats {
		writeLongStats(w, ifc)
	}

	m := &ifc.Map
	if m.IRQ != 0 || m.MemStart != 0 || m.DMA != 0 || m.BaseAddr >= 0x100 {
		io.WriteString(w, "        device ")
		if m.IRQ != 0 {
			fmt.Fprintf(w, "interrupt %d  ", m.IRQ)
		}
		if m.BaseAddr >= 0x100 {
			fmt.Fprintf(w, "base 0x%x  ", m.BaseAddr)
		}
		if m.MemStart != 0 {
			fmt.Fprintf(w, "memory 0x%x-%x  ", m.MemStart, m.MemEnd)
		}
		if m.DMA != 0 {
			fmt.Fprintf(w, "  dma 0x%x", m.DMA)
		}
		io.WriteString(w, "\n")
	}
	io.WriteString(w, "\n")
}

// writeHardware writes the "ether ADDR  txqueuelen N  (Ethernet)" line.
func writeHardware(w io.Writer, ifc *Interface) {
	hw := lookupHWType(ifc.Type)
	addr := hwAddrBuffer(ifc.HWAddr)
	if hw.print != nil && !(hw.suppressNull && hw.isNull(addr)) {
		fmt.Fprintf(w, "        %s %s", hw.name, hw.print(addr))
	} else {
		fmt.Fprintf(w, "        %s", hw.name)
	}
	if ifc.TxQueueLen != -1 {
		fmt.Fprintf(w, "  txqueuelen %d", ifc.TxQueueLen)
	}
	fmt.Fprintf(w, "  (%s)\n", hw.title)
}

// writeLongStats writes the four (with CSLIP six) counter lines.
func writeLongStats(w io.Writer, ifc *Interface) {
	s := &ifc.Stats
	compress := ifc.Type == arphrdCSLIP || ifc.Type == arphrdCSLIP6
	fmt.Fprintf(w, "        RX packets %d  bytes %d (%s)\n", s.RxPackets, s.RxBytes, humanBytes(s.RxBytes))
	if compress {
		fmt.Fprintf(w, "        RX compressed:%d\n", s.RxCompressed)
	}
	fmt.Fprintf(w, "        RX errors %d  dropped %d  overruns %d  frame %d\n",
		s.RxErrors, s.RxDropped, s.RxFIFO, s.RxFrame)
	fmt.Fprintf(w, "        TX packets %d  bytes %d (%s)\n", s.TxPackets, s.TxBytes, humanBytes(s.TxBytes))
	if compress {
		fmt.Fprintf(w, "        TX compressed %d\n", s.TxCompressed)
	}
	fmt.Fprintf(w, "        TX errors %d  dropped %d overruns %d  carrier %d  collisions %d\n",
		s.TxErrors, s.TxDropped, s.TxFIFO, s.TxCarrier, s.Collisions)
}

// humanBytes is net-tools' "(1.2 KiB)" text: tenths of the unit, computed
// in 64-bit unsigned arithmetic (bytes*10 may wrap, as it does in C), and
// for EiB bytes/(2^60/10) instead.
func humanBytes(n uint64) string {
	tenths := n * 10
	unit := "B"
	switch {
	case n > 1<<60:
		tenths = n / 115292150460684697
		unit = "EiB"
	case n > 1<<50:
		tenths /= 1 << 50
		unit = "PiB"
	case n > 1<<40:
		tenths /= 1 << 40
		unit = "TiB"
	case n > 1<<30:
		tenths /= 1 << 30
		unit = "GiB"
	case n > 1<<20:
		tenths /= 1 << 20
		unit = "MiB"
	case n > 1<<10:
		tenths /= 1 << 10
		unit = "KiB"
	}
	return fmt.Sprintf("%d.%d %s", tenths/10, tenths%10, unit)
}

// inet4Text is an IPv4 field as INET_sprint writes it numerically: a dotted
// quad, or "[NONE SET]" when the ioctl for it failed.
func inet4Text(a netip.Addr) string {
	if !a.IsValid() {
		return "[NONE SET]"
	}
	return a.String()
}

// inet6Text is inet_ntop's text with net-tools' v4-mapped fix, which cuts
// "::ffff:1.2.3.4" to "1.2.3.4".
func inet6Text(a netip.Addr) string {
	return addrtext.IPv6(a, true, nil)
}
