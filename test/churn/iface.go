package churn

import "fmt"

// Headers of `netstat -i`.
const (
	ifaceTitle = "Kernel Interface table"
	ifaceHead  = "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg"
)

// ifaceLayout is the row of `netstat -i`: "%-15s %5d %8lu %6lu %6lu %-6lu
// %8lu %6lu %6lu %6lu %s" (RX-OVR is left-aligned in net-tools).
var ifaceLayout = []field{
	f("iface", `\S+`, 15, " "),
	num("mtu", 5), num("rx-ok", 8), num("rx-err", 6), num("rx-drp", 6),
	f("rx-ovr", numberPattern, 6, " "),
	num("tx-ok", 8), num("tx-err", 6), num("tx-drp", 6), num("tx-ovr", 6),
	{name: "flags", re: anchored(`[A-Za-z]+`), rest: true},
}

// num returns a right-aligned number field followed by a space.
func num(name string, width int) field {
	return field{name: name, re: anchored(numberPattern), width: width, right: true, sep: " "}
}

// checkIfaceRow parses one -i row. The namespace has only lo, which is up,
// running and a loopback.
func checkIfaceRow(line string) error {
	v, err := parseFields(line, ifaceLayout)
	if err != nil {
		return err
	}
	if v[0] != "lo" || v[1] != "65536" || v[len(v)-1] != "LRU" {
		return fmt.Errorf("interface %s, MTU %s, flags %s; the namespace has only lo (65536, LRU)", v[0], v[1], v[len(v)-1])
	}
	return nil
}
