package exporter

import "github.com/gonetstat/netstat/internal/snapshot"

// Namespace is one network namespace the exporter reports on.
type Namespace struct {
	// Name is the value of the netns label (used only when the Collector
	// labels by namespace).
	Name string
	// Sampler reads the namespace.
	Sampler snapshot.Sampler
}

// Verdict is one check's result for a namespace: the check's stable id
// and its severity (0 ok, 1 warning, 2 critical).
type Verdict struct {
	Check    string
	Severity int
}

// CheckFunc runs the diagnoses on two samples of one namespace, before
// and after (the same sample on the first scrape).
type CheckFunc func(before, after *snapshot.Host) []Verdict

// Config says what the Collector samples and how much it shows.
type Config struct {
	// Namespaces returns the namespaces to sample on this scrape, in the
	// order they are reported.
	Namespaces func() ([]Namespace, error)
	// ByNamespace adds a netns label to every metric of a sample.
	ByNamespace bool
	// Programs reads socket owners (/proc/*/fd) for the per-program
	// counts and the listeners' program label.
	Programs bool
	// TopPrograms is how many programs are shown by name per state; the
	// others are summed as "other". At least 1.
	TopPrograms int
	// TopListeners is how many TCP listeners are shown, the fullest
	// accept queues first. 0 shows none.
	TopListeners int
	// Checks runs the diagnoses; nil leaves out netstat_check_severity.
	Checks CheckFunc
	// CheckNames lists every check id, so that each has a series even
	// when Checks says nothing about it (it is then ok).
	CheckNames []string
}

// want is what the samplers read for this configuration.
func (c *Config) want() snapshot.Want {
	return snapshot.Want{
		Sockets:    true,
		Owners:     c.Programs,
		Counters:   true,
		Interfaces: true,
		Conntrack:  true,
		Sysctls:    true,
	}
}
