// Package procfd finds which processes hold which sockets, for netstat -p,
// by walking /proc/PID/fd the way net-tools 2.10 does (prg_cache_load).
package procfd
