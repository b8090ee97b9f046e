package exporter

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/prometheus/client_golang/prometheus"
)

// Collector is a prometheus.Collector that samples its namespaces on each
// scrape. Scrapes that overlap share one sample.
type Collector struct {
	cfg   Config
	descs *descs

	mu     sync.Mutex
	flight *flight // the sample being taken, nil when none

	// previous holds each namespace's last sample, without its sockets,
	// as the "before" of the checks. Only the goroutine taking a sample
	// touches it.
	previous map[string]*snapshot.Host

	errors    atomic.Uint64
	coalesced atomic.Uint64
}

// flight is one sample shared by the scrapes that asked for it while it
// was being taken.
type flight struct {
	done    chan struct{}
	metrics []prometheus.Metric
}

// New returns a Collector for cfg.
func New(cfg Config) *Collector {
	if cfg.TopPrograms < 1 {
		cfg.TopPrograms = 1
	}
	return &Collector{
		cfg:      cfg,
		descs:    newDescs(cfg.ByNamespace),
		previous: make(map[string]*snapshot.Host),
	}
}

// Describe sends the descriptions of every metric the Collector makes.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) { c.descs.describe(ch) }

// Collect samples the namespaces, or waits for the sample already being
// taken, and sends its metrics.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	for _, m := range c.shared() {
		ch <- m
	}
	ch <- prometheus.MustNewConstMetric(c.descs.scrapeErrors, prometheus.CounterValue, float64(c.errors.Load()))
	ch <- prometheus.MustNewConstMetric(c.descs.scrapeCoalesced, prometheus.CounterValue, float64(c.coalesced.Load()))
}

// shared returns the metrics of the sample in flight, or takes one.
func (c *Collector) shared() []prometheus.Metric {
	c.mu.Lock()
	if f := c.flight; f != nil {
		c.mu.Unlock()
		c.coalesced.Add(1)
		<-f.done
		return f.metrics
	}
	f := &flight{done: make(chan struct{})}
	c.flight = f
	c.mu.Unlock()

	defer func() {
		c.mu.Lock()
		c.flight = nil
		c.mu.Unlock()
		close(f.done)
	}()
	f.metrics = c.scrape()
	return f.metrics
}

// scrape samples every namespace and makes their metrics.
func (c *Collector) scrape() []prometheus.Metric {
	b := &batch{descs: c.descs, byNamespace: c.cfg.ByNamespace}
	nss, err := c.cfg.Namespaces()
	if err != nil {
		c.errors.Add(1)
		return []prometheus.Metric{prometheus.NewInvalidMetric(c.descs.sampleSuccess, err)}
	}
	seen := make(map[string]bool, len(nss))
	for _, ns := range nss {
		seen[ns.Name] = true
		b.namespace = ns.Name
		c.sampleOne(b, ns)
	}
	for name := range c.previous {
		if !seen[name] {
			delete(c.previous, name) // the namespace is gone
		}
	}
	return b.metrics
}

// sampleOne samples one namespace into b. A sample that fails in part
// still gives what was read, with netstat_sample_success 0.
func (c *Collector) sampleOne(b *batch, ns Namespace) {
	start := time.Now()
	h, err := ns.Sampler.Sample(c.cfg.want())
	took := time.Since(start)
	ok := 1.0
	if err != nil {
		c.errors.Add(1)
		ok = 0
	}
	if h != nil {
		c.addHost(b, ns.Name, h)
	}
	b.add(c.descs.sampleSuccess, prometheus.GaugeValue, ok)
	b.add(c.descs.sampleDuration, prometheus.GaugeValue, took.Seconds())
}

// addHost makes the metrics of one sample.
func (c *Collector) addHost(b *batch, name string, h *snapshot.Host) {
	b.socketCounts(h.Sockets)
	b.listenQueues(h, c.cfg.TopListeners)
	b.programSockets(h.Sockets, h.Owners, c.cfg.TopPrograms)
	b.protocolCounters(h.Counters)
	b.sockstat(h.Sockstat)
	b.sysctls(h.Sysctls)
	b.interfaces(h.Interfaces)
	b.conntrack(h.Conntrack)
	if c.cfg.Checks != nil {
		before := c.previous[name]
		if before == nil {
			before = h
		}
		b.checkSeverities(c.cfg.CheckNames, c.cfg.Checks(before, h))
	}
	c.previous[name] = withoutSockets(h)
}

// withoutSockets returns a copy of h without its sockets and owners, which
// the checks' "before" does not need and which would keep megabytes alive
// between scrapes on a busy host.
func withoutSockets(h *snapshot.Host) *snapshot.Host {
	kept := *h
	kept.Sockets = nil
	kept.Owners = nil
	return &kept
}
