package exporter

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gonetstat/netstat/test/internal/nstest"
	"golang.org/x/crypto/bcrypt"
)

// webUser and webPassword are the basic authentication user of the web
// configuration the tests write.
const (
	webUser     = "prometheus"
	webPassword = "s3cret-scrape"
)

// webConfig is an exporter-toolkit web configuration: TLS with a
// certificate and key, one basic authentication user.
const webConfig = `tls_server_config:
  cert_file: %s
  key_file: %s
basic_auth_users:
  %s: %s
http_server_config:
  http2: false
`

// TestWebConfigTLSAndBasicAuth starts the exporter with a web
// configuration file: it serves HTTPS only, and only to the configured
// user and password; SIGTERM still stops it cleanly.
func TestWebConfigTLSAndBasicAuth(t *testing.T) {
	nstest.Require(t)
	dir := t.TempDir()
	pool := writeCertificate(t, dir)
	cfg := writeWebConfig(t, dir, filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem"))
	e := startExporter(t, buildExporter(t, dir), "--web.config.file="+cfg)
	client := &http.Client{
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, ServerName: "localhost"}},
		Timeout:   20 * time.Second,
	}
	url := "https://" + e.addr + "/metrics"

	status, body := fetch(t, client, url, webUser, webPassword, true)
	if status != http.StatusOK {
		t.Fatalf("GET %s as %s with the right password: %d, want 200\n%s\n%s", url, webUser, status, body, e.stderr)
	}
	if !bytes.Contains(body, []byte("\nnetstat_sockets{")) || !bytes.Contains(body, []byte("\nnetstat_sample_success")) {
		t.Errorf("GET %s: no netstat_ series in the answer:\n%.2000s", url, body)
	}
	for _, c := range []struct {
		name       string
		user, pass string
		auth       bool
	}{
		{"no credentials", "", "", false},
		{"a wrong password", webUser, "not-" + webPassword, true},
		{"an unknown user", "nobody", webPassword, true},
	} {
		if status, body := fetch(t, client, url, c.user, c.pass, c.auth); status != http.StatusUnauthorized {
			t.Errorf("GET %s with %s: %d, want 401\n%s", url, c.name, status, body)
		}
	}
	if status, _ := fetch(t, client, "https://"+e.addr+"/", "", "", false); status != http.StatusUnauthorized {
		t.Errorf("GET / without credentials: %d, want 401 (the landing page is behind the same authentication)", status)
	}

	plain := &http.Client{Timeout: 5 * time.Second}
	resp, err := plain.Get("http://" + e.addr + "/metrics")
	if err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			t.Errorf("plain HTTP GET /metrics: %s, want a failure\n%.500s", resp.Status, b)
		}
		// Go's TLS server answers a plain HTTP request with 400 and
		// "Client sent an HTTP request to an HTTPS server"; no metrics.
		if bytes.Contains(b, []byte("netstat_")) {
			t.Errorf("plain HTTP GET /metrics returned metrics:\n%.500s", b)
		}
	}

	if err := e.stop(t); err != nil {
		t.Errorf("after SIGTERM: %v\n%s", err, e.stderr)
	}
	if !strings.Contains(e.stderr.String(), "TLS is enabled") {
		t.Errorf("stderr does not say that TLS is enabled:\n%s", e.stderr)
	}
}

// TestWebConfigMissingCertificate starts the exporter with a web
// configuration whose certificate file does not exist: it must exit
// non-zero before listening, naming the file and the problem.
func TestWebConfigMissingCertificate(t *testing.T) {
	nstest.Require(t)
	dir := t.TempDir()
	writeCertificate(t, dir)
	missing := filepath.Join(dir, "no-such-cert.pem")
	cfg := writeWebConfig(t, dir, missing, filepath.Join(dir, "key.pem"))
	bin := buildExporter(t, dir)
	addr := nstest.FreeAddress(t)
	cmd := exec.Command(bin, "--web.listen-address="+addr, "--web.config.file="+cfg)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err == nil || cmd.ProcessState.ExitCode() == 0 {
			t.Fatalf("exit status 0 with a missing cert_file, want non-zero; stderr:\n%s", &stderr)
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatalf("still running 10 s after start with a missing cert_file; stderr:\n%s", &stderr)
	}
	msg := stderr.String()
	for _, want := range []string{"netstat-exporter: ", "--web.config.file=" + cfg, "cert_file", missing, "no such file or directory"} {
		if !strings.Contains(msg, want) {
			t.Errorf("stderr does not contain %q:\n%s", want, msg)
		}
	}
	if c, err := net.DialTimeout("tcp4", addr, time.Second); err == nil {
		c.Close()
		t.Errorf("something listens on %s: the exporter should not have listened", addr)
	}
}

// fetch GETs url, with basic authentication when auth is set, and returns
// the status and body.
func fetch(t *testing.T, c *http.Client, url, user, pass string, auth bool) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if auth {
		req.SetBasicAuth(user, pass)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// writeCertificate writes a self-signed ECDSA certificate for localhost
// and 127.0.0.1 to dir/cert.pem and its key to dir/key.pem, and returns a
// pool that trusts it.
func writeCertificate(t *testing.T, dir string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "netstat-exporter test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	writePEM(t, filepath.Join(dir, "cert.pem"), "CERTIFICATE", der)
	writePEM(t, filepath.Join(dir, "key.pem"), "PRIVATE KEY", keyDER)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pool
}

// writePEM writes one PEM block of type typ to path.
func writePEM(t *testing.T, path, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

// writeWebConfig writes dir/web-config.yml with the certificate and key
// paths and webUser with the bcrypt hash of webPassword, and returns its
// path.
func writeWebConfig(t *testing.T, dir, cert, key string) string {
	t.Helper()
	hash, err := bcrypt.GenerateFromPassword([]byte(webPassword), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "web-config.yml")
	text := fmt.Sprintf(webConfig, cert, key, webUser, hash)
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
