// Command driver is the inside half of bench/run: run in a fresh network
// namespace, it builds the socket farm (holder processes of bench/farm),
// then times our netstat, net-tools netstat and ss on it, alternating the
// tools on every repetition, and prints a table of milliseconds, ratios and
// peak RSS. While timing it also runs bin/netstat-exporter, whose scrapes
// (by bench/scrape) are a row of the table, followed by a few lines on the
// exporter. With -then it runs a shell command on the farm instead (for
// profiling). On exit it stops every holder, and the exporter, it started.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"time"

	"golang.org/x/sys/unix"
)

// config is the command line, and the exporter's address once it runs.
type config struct {
	size     int
	reps     int
	runLimit time.Duration
	deadline time.Duration
	ours     string
	netstat  string
	ss       string
	farm     string
	kdump    string
	exporter string
	scrape   string
	then     string

	scrapeURL string // the running exporter's metrics, for the scrape row
}

func main() {
	var c config
	flag.IntVar(&c.size, "n", 100000, "sockets in the farm (see plan.go for the mix)")
	flag.IntVar(&c.reps, "reps", 7, "timed runs of each command")
	flag.DurationVar(&c.runLimit, "run-limit", 2*time.Minute, "kill one run after this long")
	flag.DurationVar(&c.deadline, "deadline", 20*time.Minute, "stop starting runs after this long")
	flag.StringVar(&c.ours, "ours", "bin/netstat", "our netstat binary")
	flag.StringVar(&c.netstat, "netstat", "/usr/bin/netstat", "net-tools netstat")
	flag.StringVar(&c.ss, "ss", "ss", "iproute2 ss")
	flag.StringVar(&c.farm, "farm", "bench/bin/farm", "the holder binary")
	flag.StringVar(&c.kdump, "kdump", "bench/bin/kdump", "the lower-bound binary")
	flag.StringVar(&c.exporter, "exporter", "bin/netstat-exporter", "our Prometheus exporter")
	flag.StringVar(&c.scrape, "scrape", "bench/bin/scrape", "the client that times one scrape of the exporter")
	flag.StringVar(&c.then, "then", "", "run this shell command on the farm instead of timing")
	flag.Parse()
	os.Exit(run(&c))
}

func run(c *config) int {
	start := time.Now()
	if c.size < 10 {
		fmt.Fprintln(os.Stderr, "driver: -n must be at least 10")
		return 2
	}
	if err := prepareNetNS(); err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
		return 1
	}
	f, err := startFarm(c)
	defer f.stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
		return 1
	}
	fmt.Printf("farm: %d holders, %d sockets made, built in %v\n%s",
		len(f.holders), f.sockets, f.built.Round(time.Millisecond), describe(c.size))
	if out, err := exec.Command(c.kdump, "-v").Output(); err == nil {
		fmt.Printf("kernel TCP table: %s", out)
	}
	if c.then != "" {
		cmd := exec.Command("sh", "-c", c.then)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		if err := cmd.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "driver: -then:", err)
			return 1
		}
		return 0
	}
	e, err := startExporter(c)
	defer e.stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "driver: exporter:", err)
		return 1
	}
	c.scrapeURL = e.url
	res := measure(c, f, start.Add(c.deadline))
	printTable(os.Stdout, c, f, res)
	printExporter(os.Stdout, e, res)
	return 0
}

// netSysctls are set in the benchmark's namespace: an ephemeral range that
// leaves ports below 10000 to the holders' listeners, a listen backlog
// above the holders' batch of connections, and room for every TIME_WAIT
// socket (a new namespace allows half its hash size, here 512).
var netSysctls = []struct{ key, value string }{
	{"net/ipv4/ip_local_port_range", "10000 65535"},
	{"net/core/somaxconn", "4096"},
	{"net/ipv4/tcp_max_syn_backlog", "4096"},
	{"net/ipv4/tcp_max_tw_buckets", "262144"},
}

// prepareNetNS brings up loopback, sets netSysctls and raises the fd limit
// (inherited by the holders) to its hard limit. The namespace is new and
// deleted afterwards, so its sysctls need no restoring.
func prepareNetNS() error {
	if out, err := exec.Command("ip", "link", "set", "lo", "up").CombinedOutput(); err != nil {
		return fmt.Errorf("ip link set lo up: %v: %s", err, out)
	}
	for _, s := range netSysctls {
		if err := os.WriteFile("/proc/sys/"+s.key, []byte(s.value+"\n"), 0); err != nil {
			return err
		}
	}
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil {
		return err
	}
	lim.Cur = lim.Max
	return unix.Setrlimit(unix.RLIMIT_NOFILE, &lim)
}
