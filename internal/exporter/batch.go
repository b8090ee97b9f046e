package exporter

import (
	"strings"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
)

// batch collects the metrics made from the samples of one scrape.
type batch struct {
	descs *descs
	// namespace is the netns label value of the sample being added, used
	// when the descriptions carry that label.
	namespace   string
	byNamespace bool
	metrics     []prometheus.Metric
}

// add appends one metric; labels are the variable label values without
// the namespace. Label values that came from outside (program and device
// names) are made valid UTF-8 first, as the exposition format requires.
func (b *batch) add(d *prometheus.Desc, kind prometheus.ValueType, v float64, labels ...string) {
	for i, l := range labels {
		if !utf8.ValidString(l) {
			labels[i] = strings.ToValidUTF8(l, "\uFFFD")
		}
	}
	if b.byNamespace {
		labels = append(labels, b.namespace)
	}
	m, err := prometheus.NewConstMetric(d, kind, v, labels...)
	if err != nil {
		m = prometheus.NewInvalidMetric(d, err)
	}
	b.metrics = append(b.metrics, m)
}
