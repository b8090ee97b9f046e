package exporter

import (
	"github.com/gonetstat/netstat/internal/links"
	"github.com/prometheus/client_golang/prometheus"
)

// interfaceField is one /proc/net/dev column as a metric.
type interfaceField struct {
	name, help string
	get        func(*links.Stats) uint64
}

// interfaceDesc is the description of one interface counter and how to read it.
type interfaceDesc struct {
	desc *prometheus.Desc
	get  func(*links.Stats) uint64
}

// interfaceFields are the /proc/net/dev columns, in the file's order.
var interfaceFields = []interfaceField{
	{"receive_bytes_total", "Bytes received by the interface (/proc/net/dev).", func(s *links.Stats) uint64 { return s.RxBytes }},
	{"receive_packets_total", "Packets received by the interface.", func(s *links.Stats) uint64 { return s.RxPackets }},
	{"receive_errors_total", "Receive errors of the interface.", func(s *links.Stats) uint64 { return s.RxErrors }},
	{"receive_dropped_total", "Received packets dropped by the interface or the kernel.", func(s *links.Stats) uint64 { return s.RxDropped }},
	{"receive_fifo_errors_total", "Receive FIFO overruns of the interface.", func(s *links.Stats) uint64 { return s.RxFIFO }},
	{"receive_frame_errors_total", "Receive framing errors of the interface.", func(s *links.Stats) uint64 { return s.RxFrame }},
	{"receive_compressed_total", "Compressed packets received by the interface.", func(s *links.Stats) uint64 { return s.RxCompressed }},
	{"receive_multicast_total", "Multicast packets received by the interface.", func(s *links.Stats) uint64 { return s.RxMulticast }},
	{"transmit_bytes_total", "Bytes sent by the interface.", func(s *links.Stats) uint64 { return s.TxBytes }},
	{"transmit_packets_total", "Packets sent by the interface.", func(s *links.Stats) uint64 { return s.TxPackets }},
	{"transmit_errors_total", "Transmit errors of the interface.", func(s *links.Stats) uint64 { return s.TxErrors }},
	{"transmit_dropped_total", "Packets dropped on their way out of the interface.", func(s *links.Stats) uint64 { return s.TxDropped }},
	{"transmit_fifo_errors_total", "Transmit FIFO errors of the interface.", func(s *links.Stats) uint64 { return s.TxFIFO }},
	{"transmit_collisions_total", "Collisions seen by the interface.", func(s *links.Stats) uint64 { return s.Collisions }},
	{"transmit_carrier_errors_total", "Carrier losses of the interface.", func(s *links.Stats) uint64 { return s.TxCarrier }},
	{"transmit_compressed_total", "Compressed packets sent by the interface.", func(s *links.Stats) uint64 { return s.TxCompressed }},
}

// interfaces emits the counters of every device in h.
func (b *batch) interfaces(devs []links.Device) {
	for i := range devs {
		for _, f := range b.descs.iface {
			b.add(f.desc, prometheus.CounterValue, float64(f.get(&devs[i].Stats)), devs[i].Name)
		}
	}
}
