package longrun

import (
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
)

// exporterLimit is how long the exporter's scrapes may take: about three
// times what they took on a loaded 2-core machine.
const exporterLimit = 8 * time.Minute

// The exporter's go_goroutines counts the goroutines a scrape runs at
// the moment it is read (the socket owner scan runs several), so the
// test compares the fewest of goroutineWindow scrapes: those before the
// start sample with the last ones. The last may have at most
// goroutineSlack more.
const (
	goroutineWindow = 100
	goroutineSlack  = 0
)

// TestExporter scrapes a netstat-exporter serving this test's namespace
// passes times over one kept-alive connection and checks that every
// scrape answers 200 with the same number of series, and that memory,
// descriptors, threads and goroutines (its go_goroutines) stay flat.
func TestExporter(t *testing.T) {
	nstest.Require(t)
	holder, err := nstest.StartHolder("gnst-longrun-holder")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Kill()
	addr := nstest.FreeAddress(t)
	p := startProcess(t, buildExporter(t), []string{"--web.listen-address=" + addr})
	go io.Copy(io.Discard, p.stdout)
	s := &scraper{
		url:    "http://" + addr + "/metrics",
		client: &http.Client{Transport: &http.Transport{MaxIdleConns: 1, MaxConnsPerHost: 1}, Timeout: 20 * time.Second},
	}
	if err := s.await(); err != nil {
		t.Fatalf("%v; stderr %q", err, p.stderr)
	}
	var count atomic.Int64
	stop := make(chan struct{})
	var scraping sync.WaitGroup
	scraping.Go(func() { s.run(&count, stop) })
	f, err := observe(p, &count, exporterLimit, s.failure)
	close(stop)
	scraping.Wait()
	if err != nil {
		t.Fatalf("netstat-exporter: %v; stderr %q", err, p.stderr)
	}
	st := p.stop()
	p.heap(&f)
	f.log(t, "netstat-exporter /metrics")
	t.Logf("%d series in every scrape; go_goroutines at least %v in the %d scrapes up to the %dth, at least %v in the last %d",
		s.series, s.goroutinesAtStart, goroutineWindow, passes/warmupShare, s.goroutinesAtEnd, goroutineWindow)
	f.check(t, exporterLimit)
	if err := s.failure(); err != nil {
		t.Error(err)
	}
	if s.goroutinesAtEnd > s.goroutinesAtStart+goroutineSlack {
		t.Errorf("go_goroutines grew from %v to %v (allowed: +%d)", s.goroutinesAtStart, s.goroutinesAtEnd, goroutineSlack)
	}
	if st != "exit 0" {
		t.Errorf("ended with %s after SIGTERM, want exit 0; stderr %q", st, p.stderr)
	}
}

// scraper scrapes the exporter and keeps what the scrapes showed. Only
// its run goroutine writes the figures; they are read after it ends.
type scraper struct {
	url    string
	client *http.Client

	series int // in the first scrape
	// go_goroutines of the latest goroutineWindow scrapes, and the fewest
	// of them at the start sample and at the end.
	goroutines                         [goroutineWindow]float64
	goroutinesAtStart, goroutinesAtEnd float64
	err                                driverError
}

// await scrapes until the exporter answers, for up to 10 s; the answer
// sets the number of series the later scrapes must have.
func (s *scraper) await() error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		e, err := s.scrape()
		if err == nil {
			s.series = e.series
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the exporter does not answer: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// run scrapes until stop is closed or a scrape goes wrong, counting the
// scrapes in count.
func (s *scraper) run(count *atomic.Int64, stop <-chan struct{}) {
	defer func() { s.goroutinesAtEnd = slices.Min(s.goroutines[:]) }()
	for n := int64(1); ; n++ {
		select {
		case <-stop:
			return
		default:
		}
		e, err := s.scrape()
		if err == nil && e.series != s.series {
			err = fmt.Errorf("%d series, the first scrape had %d", e.series, s.series)
		}
		if err != nil {
			s.err.set(fmt.Errorf("scrape %d: %w", n, err))
			return
		}
		s.goroutines[n%goroutineWindow] = e.plain["go_goroutines"]
		if n == passes/warmupShare {
			s.goroutinesAtStart = slices.Min(s.goroutines[:])
		}
		count.Add(1)
	}
}

// failure returns the first thing that went wrong in a scrape.
func (s *scraper) failure() error { return s.err.get() }

// scrape fetches the metrics once and reads them.
func (s *scraper) scrape() (exposition, error) {
	resp, err := s.client.Get(s.url)
	if err != nil {
		return exposition{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return exposition{}, err
	}
	if resp.StatusCode != http.StatusOK {
		return exposition{}, fmt.Errorf("%s: %.200s", resp.Status, body)
	}
	e, err := parseExposition(string(body))
	if err == nil && e.plain["go_goroutines"] == 0 {
		err = fmt.Errorf("no go_goroutines")
	}
	return e, err
}

// buildExporter builds ./cmd/netstat-exporter.
func buildExporter(t *testing.T) string {
	t.Helper()
	bin, err := nstest.Build("./cmd/netstat-exporter", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return bin
}
