// Package exporter tests netstat-exporter end to end, in a network
// namespace of its own with sockets it makes: the metrics pass promtool's
// lint and agree with /usr/bin/netstat -tan, and a real Prometheus server
// scraping the exporter stores the same values.
package exporter

import (
	"testing"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// TestMain moves the tests into a network namespace of their own.
func TestMain(m *testing.M) { nstest.Main(m) }
