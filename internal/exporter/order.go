package exporter

import (
	"cmp"
	"slices"
)

// sortedSocketKeys returns the keys of counts by protocol, family, state,
// so that the output's order does not change from scrape to scrape.
func sortedSocketKeys(counts map[socketKey]int) []socketKey {
	keys := make([]socketKey, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b socketKey) int {
		if c := cmp.Compare(a.protocol, b.protocol); c != 0 {
			return c
		}
		if a.ipv6 != b.ipv6 {
			if a.ipv6 {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.state, b.state)
	})
	return keys
}
