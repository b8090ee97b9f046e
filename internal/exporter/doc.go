// Package exporter turns samples of a host's network state into Prometheus
// metrics: sockets by protocol, family and state, TCP listeners and their
// accept queues, established and CLOSE_WAIT connections per program (the
// top K programs, the rest summed as "other"), the kernel's protocol
// counters (netstat -s), interface counters, connection tracking usage,
// and the verdicts of the --check diagnoses.
//
// It reads nothing itself: a snapshot.Sampler per network namespace does,
// and the Collector asks each one once per scrape. Scrapes that arrive
// while a sample is being taken wait for it and share it, so a burst of
// scrapers costs one walk of the kernel's tables.
package exporter
