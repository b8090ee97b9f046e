package exporter

import "github.com/prometheus/client_golang/prometheus"

// prefix starts every metric name.
const prefix = "netstat_"

// namespaceLabel names the network namespace of a sample.
const namespaceLabel = "netns"

// descs are the descriptions of every metric the Collector makes.
type descs struct {
	sockets          *prometheus.Desc
	listenQueue      *prometheus.Desc
	listenBacklog    *prometheus.Desc
	programSockets   *prometheus.Desc
	counter          *prometheus.Desc
	counterValue     *prometheus.Desc
	sockstat         *prometheus.Desc
	sysctl           *prometheus.Desc
	iface            []interfaceDesc
	conntrackEntries *prometheus.Desc
	conntrackLimit   *prometheus.Desc
	conntrackDrops   *prometheus.Desc
	conntrackEarly   *prometheus.Desc
	conntrackInsert  *prometheus.Desc
	checkSeverity    *prometheus.Desc
	sampleSuccess    *prometheus.Desc
	sampleDuration   *prometheus.Desc

	// Not per namespace: about the exporter itself.
	scrapeErrors    *prometheus.Desc
	scrapeCoalesced *prometheus.Desc
}

// newDescs describes the metrics; byNamespace adds the netns label to
// every per-sample metric.
func newDescs(byNamespace bool) *descs {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		if byNamespace {
			labels = append(labels, namespaceLabel)
		}
		return prometheus.NewDesc(prefix+name, help, labels, nil)
	}
	ds := &descs{
		sockets: d("sockets",
			"Internet sockets by protocol (tcp, udp, udplite, raw), address family and kernel state.",
			"protocol", "family", "state"),
		listenQueue: d("tcp_listen_queue_length",
			"Connections waiting in a TCP listener's accept queue (Recv-Q of a LISTEN socket), summed over the sockets sharing the address.",
			"local", "program"),
		listenBacklog: d("tcp_listen_backlog",
			"Accept queue limit of a TCP listener (Send-Q of a LISTEN socket), summed over the sockets sharing the address.",
			"local", "program"),
		programSockets: d("program_tcp_sockets",
			"TCP sockets per owning program in ESTABLISHED and CLOSE_WAIT; the top programs by name, the rest as other, unowned ones as unknown.",
			"program", "state"),
		counter: d("protocol_events_total",
			"Kernel protocol counters as netstat -s reads them (/proc/net/snmp, netstat and snmp6), by section and kernel name.",
			"section", "name"),
		counterValue: d("protocol_value",
			"Kernel protocol values that are settings or current levels, not counts (Tcp CurrEstab, RtoMin, MaxConn; Ip Forwarding, DefaultTTL).",
			"section", "name"),
		sockstat: d("sockstat",
			"Socket usage from /proc/net/sockstat, by protocol and field (inuse, orphan, tw, alloc, mem).",
			"protocol", "field"),
		sysctl: d("sysctl",
			"Kernel settings the checks compare with, by sysctl name.",
			"name"),
		conntrackEntries: d("conntrack_entries",
			"Connection tracking entries in use.",
		),
		conntrackLimit: d("conntrack_entries_limit",
			"Connection tracking table size (nf_conntrack_max).",
		),
		conntrackDrops: d("conntrack_drops_total",
			"Packets dropped by connection tracking, summed over CPUs.",
		),
		conntrackEarly: d("conntrack_early_drops_total",
			"Connection tracking entries dropped early to make room, summed over CPUs.",
		),
		conntrackInsert: d("conntrack_insert_failed_total",
			"Connection tracking entries that could not be inserted, summed over CPUs.",
		),
		checkSeverity: d("check_severity",
			"Verdict of each netstat --check diagnosis: 0 ok, 1 warning, 2 critical.",
			"check"),
		sampleSuccess: d("sample_success",
			"1 when the namespace was read completely on this scrape, 0 when a part of it failed.",
		),
		sampleDuration: d("sample_duration_seconds",
			"Time taken to read the namespace on this scrape.",
		),
		scrapeErrors: prometheus.NewDesc(prefix+"scrape_errors_total",
			"Samples that failed, in whole or in part, since the exporter started.", nil, nil),
		scrapeCoalesced: prometheus.NewDesc(prefix+"scrapes_coalesced_total",
			"Scrapes that shared a sample already being taken for another scrape.", nil, nil),
	}
	for _, f := range interfaceFields {
		ds.iface = append(ds.iface, interfaceDesc{
			desc: d("interface_"+f.name, f.help, "device"),
			get:  f.get,
		})
	}
	return ds
}

// describe sends every description to ch.
func (ds *descs) describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{
		ds.sockets, ds.listenQueue, ds.listenBacklog, ds.programSockets,
		ds.counter, ds.counterValue, ds.sockstat, ds.sysctl,
		ds.conntrackEntries, ds.conntrackLimit, ds.conntrackDrops,
		ds.conntrackEarly, ds.conntrackInsert, ds.checkSeverity,
		ds.sampleSuccess, ds.sampleDuration, ds.scrapeErrors, ds.scrapeCoalesced,
	} {
		ch <- d
	}
	for _, f := range ds.iface {
		ch <- f.desc
	}
}
