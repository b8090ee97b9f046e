package links

import (
	"fmt"
	"io"

	"github.com/gonetstat/netstat/internal/cfmt"
)

// shortHeader is the column header of the short table.
const shortHeader = "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n"

// writeShort writes one row of the short table. The name is cut to 15
// bytes, RX-OVR is left-justified, and an interface without counters gets
// a fixed note instead.
func writeShort(w io.Writer, ifc *Interface) {
	// Cut and padded by bytes, as C's printf does; fmt's %-15s would
	// count runes.
	io.WriteString(w, cfmt.Left(cfmt.Clip(ifc.Name, 15), 15))
	fmt.Fprintf(w, " %5d ", ifc.MTU)
	if ifc.HasStats {
		s := &ifc.Stats
		fmt.Fprintf(w, "%8d %6d %6d %-6d ", s.RxPackets, s.RxErrors, s.RxDropped, s.RxFIFO)
		fmt.Fprintf(w, "%8d %6d %6d %6d ", s.TxPackets, s.TxErrors, s.TxDropped, s.TxFIFO)
	} else {
		fmt.Fprintf(w, "%-56s", "     - no statistics available -")
	}
	io.WriteString(w, shortFlags(ifc.Flags))
	io.WriteString(w, "\n")
}
