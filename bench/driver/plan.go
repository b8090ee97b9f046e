package main

import "strconv"

// share is the part of the farm's N sockets one kind takes, in percent.
// Pairs and CLOSE_WAIT connections count both ends.
var share = struct {
	listeners, pairs4, pairs6, closeWait, timeWait, udp int
}{listeners: 1, pairs4: 45, pairs6: 25, closeWait: 10, timeWait: 10, udp: 9}

// fdsPerHolder is the file descriptors one holder may hold: the issue's
// limit is 20,000 per process, and a holder needs a few for itself.
const fdsPerHolder = 18000

// holderArgs is one holder's command line.
type holderArgs []string

// plan splits a farm of about n sockets (the mix: listeners,
// established IPv4 and IPv6 pairs, CLOSE_WAIT with unread data, TIME_WAIT,
// UDP) over holders of at most fdsPerHolder descriptors each. The TIME_WAIT
// sockets, which hold no descriptor but are renewed during the run, go to
// a holder of their own; the extra listeners go to holder 0.
func plan(n int) []holderArgs {
	part := func(pct int) int { return n * pct / 100 }
	var holders []holderArgs
	free := 0 // descriptors left in the last holder
	add := func(flag string, units, fdsEach int) {
		for units > 0 {
			if free < fdsEach {
				holders = append(holders, holderArgs{"-id", strconv.Itoa(len(holders))})
				free = fdsPerHolder
			}
			k := min(units, free/fdsEach)
			h := &holders[len(holders)-1]
			*h = append(*h, flag, strconv.Itoa(k))
			free -= k * fdsEach
			units -= k
		}
	}
	add("-listeners", max(part(share.listeners), 2), 1)
	add("-pairs4", part(share.pairs4)/2, 2)
	add("-pairs6", part(share.pairs6)/2, 2)
	add("-closewait", part(share.closeWait)/2, 2)
	add("-udp", max(part(share.udp), 2), 1)
	free = 0
	add("-timewait", max(part(share.timeWait), 1), 1) // not fds: a bound per holder all the same
	return holders
}
