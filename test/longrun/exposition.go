package longrun

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// seriesLine matches one sample of the Prometheus text format, capturing
// the metric name, its labels and its value: name{label="value",...}
// value, with an optional timestamp.
var seriesLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (\S+)(?: -?[0-9]+)?$`)

// exposition is what a scrape showed: how many series, and the values of
// the series without labels.
type exposition struct {
	series int
	plain  map[string]float64
}

// parseExposition reads a scrape's body. Comment lines (# HELP, # TYPE)
// and blank lines are skipped; every other line must be one sample with a
// number for value.
func parseExposition(body string) (exposition, error) {
	e := exposition{plain: make(map[string]float64)}
	for n, line := range strings.Split(body, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := seriesLine.FindStringSubmatch(line)
		if m == nil {
			return e, fmt.Errorf("line %d is not a sample: %q", n+1, line)
		}
		v, err := strconv.ParseFloat(m[3], 64)
		if err != nil {
			return e, fmt.Errorf("line %d: value %q: %v", n+1, m[3], err)
		}
		if m[2] == "" {
			e.plain[m[1]] = v
		}
		e.series++
	}
	return e, nil
}
