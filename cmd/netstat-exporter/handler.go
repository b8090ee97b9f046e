package main

import (
	"fmt"
	"html"
	"net/http"
	"os"

	"github.com/gonetstat/netstat/internal/diagnose"
	"github.com/gonetstat/netstat/internal/exporter"
	"github.com/gonetstat/netstat/internal/snapshot"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// newHandler builds the registry and the HTTP routes: the metrics at the
// telemetry path, a landing page at /.
func newHandler(s settings, th *mainThread) (http.Handler, error) {
	cfg := exporter.Config{
		Namespaces:   hereOnly(th),
		ByNamespace:  s.allNetNS,
		Programs:     s.programs,
		TopPrograms:  s.topPrograms,
		TopListeners: s.topListeners,
	}
	if s.allNetNS {
		cfg.Namespaces = everyNamespace(th)
	}
	if s.checks {
		t, err := thresholds(s.checksConfig)
		if err != nil {
			return nil, err
		}
		cfg.Checks = verdicts(t)
		cfg.CheckNames = diagnose.Checks()
	}
	reg := prometheus.NewRegistry()
	for _, c := range []prometheus.Collector{
		exporter.New(cfg),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	mux := http.NewServeMux()
	mux.Handle(s.telemetryPath, promhttp.InstrumentMetricHandler(reg,
		promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})))
	mux.HandleFunc("/", landing(s.telemetryPath))
	return mux, nil
}

// thresholds reads the check thresholds: the defaults, then the file.
func thresholds(path string) (diagnose.Thresholds, error) {
	t := diagnose.DefaultThresholds()
	if path == "" {
		return t, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return t, err
	}
	defer f.Close()
	if err := diagnose.LoadThresholds(f, &t); err != nil {
		return t, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// verdicts runs the diagnoses and keeps each finding's check and severity.
func verdicts(t diagnose.Thresholds) exporter.CheckFunc {
	return func(before, after *snapshot.Host) []exporter.Verdict {
		fs := diagnose.Run(before, after, t)
		out := make([]exporter.Verdict, len(fs))
		for i, f := range fs {
			out[i] = exporter.Verdict{Check: f.Check, Severity: int(f.Severity)}
		}
		return out
	}
}

// landing serves a short HTML page pointing at the metrics.
func landing(path string) http.HandlerFunc {
	page := fmt.Sprintf(`<!DOCTYPE html>
<html><head><title>netstat-exporter</title></head>
<body><h1>netstat-exporter</h1>
<p>Sockets, listeners, protocol and interface counters, connection tracking and check verdicts, as netstat sees them.</p>
<p><a href="%s">Metrics</a></p>
</body></html>
`, html.EscapeString(path))
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}
}
