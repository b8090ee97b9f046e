package nat

import (
	"cmp"
	"slices"
)

// SortFlows puts flows in the order the table lists them: IPv4 before
// IPv6 (as net-tools lists tcp before tcp6), then by protocol number,
// original source, original destination and zone. The kernel's own order
// is its hash order, which changes from one dump to the next.
func SortFlows(flows []Flow) {
	slices.SortStableFunc(flows, func(a, b Flow) int {
		if a6, b6 := a.IPv6(), b.IPv6(); a6 != b6 {
			if a6 {
				return 1
			}
			return -1
		}
		return cmp.Or(
			cmp.Compare(a.Protocol, b.Protocol),
			a.Original.Src.Compare(b.Original.Src),
			a.Original.Dst.Compare(b.Original.Dst),
			cmp.Compare(a.Original.ICMP.ID, b.Original.ICMP.ID),
			cmp.Compare(a.Zone, b.Zone),
		)
	})
}
