package jsonout

import (
	"errors"
	"fmt"
	"io"

	"github.com/gonetstat/netstat/internal/cerr"
	"github.com/gonetstat/netstat/internal/cli"
	"github.com/gonetstat/netstat/internal/links"
)

// linkFlagNames name the interface flag bits, in bit order, as ifconfig
// names them.
var linkFlagNames = []struct {
	bit  uint16
	name string
}{
	{links.FlagUp, "UP"}, {links.FlagBroadcast, "BROADCAST"}, {links.FlagDebug, "DEBUG"},
	{links.FlagLoopback, "LOOPBACK"}, {links.FlagPointToPt, "POINTOPOINT"},
	{links.FlagNoTrailers, "NOTRAILERS"}, {links.FlagRunning, "RUNNING"},
	{links.FlagNoARP, "NOARP"}, {links.FlagPromisc, "PROMISC"}, {links.FlagAllMulti, "ALLMULTI"},
	{links.FlagMaster, "MASTER"}, {links.FlagSlave, "SLAVE"}, {links.FlagMulticast, "MULTICAST"},
	{links.FlagPortSel, "PORTSEL"}, {links.FlagAutoMedia, "AUTOMEDIA"}, {links.FlagDynamic, "DYNAMIC"},
}

// Interfaces writes the interface table of -i as one JSON document: the
// interfaces of /proc/net/dev in its order, then the address labels
// (eth0:1) that only SIOCGIFCONF names; those that are down only with -a.
// Every interface has its configuration, its IPv4 and IPv6 addresses and
// all of its counters, whatever -e says.
func Interfaces(out, errOut io.Writer, opts *cli.Options, src links.Source) int {
	devs, devErr := src.Devices()
	names, confErr := src.AddressNames()
	if devErr != nil && confErr != nil {
		fmt.Fprintf(errOut, "netstat: missing interface information: %s\n", cerr.Reason(confErr))
		return 1
	}
	if devErr != nil {
		fmt.Fprintf(errOut, "netstat: /proc/net/dev: %s\n", cerr.Reason(devErr))
	}
	seen := make(map[string]int, len(devs))
	list := make([]links.Interface, 0, len(devs)+len(names))
	for _, dv := range devs {
		if _, dup := seen[dv.Name]; dup {
			continue
		}
		seen[dv.Name] = len(list)
		list = append(list, links.Interface{Name: dv.Name, TxQueueLen: -1, HasStats: true, Stats: dv.Stats})
	}
	for _, n := range names {
		if _, dup := seen[n]; !dup {
			seen[n] = len(list)
			list = append(list, links.Interface{Name: n, TxQueueLen: -1})
		}
	}
	ipv6 := src.IPv6Addresses()
	d := newDocument(out, "interfaces")
	d.array("interfaces")
	rc := 0
	for i := range list {
		ifc := &list[i]
		if err := src.Fetch(ifc); err != nil {
			msg := cerr.Reason(err)
			if errors.Is(err, links.ErrNoDevice) {
				msg = "Device not found"
			}
			fmt.Fprintf(errOut, "netstat: %s: error fetching interface information: %s\n", ifc.Name, msg)
			rc = 1
			break
		}
		if ifc.Flags&links.FlagUp == 0 && !opts.All {
			continue
		}
		writeInterface(d, ifc, ipv6)
		d.row()
	}
	if err := d.close(); err != nil && rc == 0 {
		rc = 255
	}
	return rc
}

// writeInterface writes one interface object.
func writeInterface(d *document, ifc *links.Interface, ipv6 []links.IPv6Address) {
	d.beginObject()
	d.str("name", ifc.Name)
	d.array("flags")
	for _, f := range linkFlagNames {
		if ifc.Flags&f.bit != 0 {
			d.strValue(f.name)
		}
	}
	d.end()
	d.uint("flags_value", uint64(ifc.Flags))
	d.uint("hardware_type", uint64(ifc.Type))
	if n := hwLength[ifc.Type]; n > 0 && len(ifc.HWAddr) >= n {
		d.str("hardware_address", hwText(ifc.HWAddr[:n]))
	}
	d.int("mtu", int64(ifc.MTU))
	d.int("metric", int64(ifc.Metric))
	d.int("tx_queue_len", int64(ifc.TxQueueLen))
	if ifc.HasIPv4 {
		d.object("ipv4")
		d.addr("address", ifc.Addr)
		d.addr("netmask", ifc.Netmask)
		d.addr("broadcast", ifc.Broadcast)
		d.addr("destination", ifc.Destination)
		d.end()
	}
	d.array("ipv6")
	for _, a := range ipv6 {
		if a.Device != ifc.Name || !a.Addr.IsValid() {
			continue
		}
		d.beginObject()
		d.addr("address", a.Addr)
		d.int("prefix_length", int64(a.PrefixLen))
		d.uint("scope", uint64(a.Scope))
		d.uint("flags_value", uint64(a.Flags))
		d.end()
	}
	d.end()
	if ifc.HasStats {
		s := &ifc.Stats
		d.object("counters")
		for _, c := range [...]struct {
			name string
			v    uint64
		}{
			{"rx_bytes", s.RxBytes}, {"rx_packets", s.RxPackets}, {"rx_errors", s.RxErrors},
			{"rx_dropped", s.RxDropped}, {"rx_fifo", s.RxFIFO}, {"rx_frame", s.RxFrame},
			{"rx_compressed", s.RxCompressed}, {"rx_multicast", s.RxMulticast},
			{"tx_bytes", s.TxBytes}, {"tx_packets", s.TxPackets}, {"tx_errors", s.TxErrors},
			{"tx_dropped", s.TxDropped}, {"tx_fifo", s.TxFIFO}, {"collisions", s.Collisions},
			{"tx_carrier", s.TxCarrier}, {"tx_compressed", s.TxCompressed},
		} {
			d.uint(c.name, c.v)
		}
		d.end()
	}
	d.end()
}

// hwLength is the address length of the hardware types whose address is
// written (Ethernet, IEEE 802, loopback); other types have none in JSON.
var hwLength = map[uint16]int{1: 6, 6: 6, 772: 6}

// hwText is a hardware address as colon-separated hex bytes.
func hwText(b []byte) string {
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 3*len(b))
	for i, c := range b {
		if i > 0 {
			out = append(out, ':')
		}
		out = append(out, hex[c>>4], hex[c&0xf])
	}
	return string(out)
}
