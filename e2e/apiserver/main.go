// Command kube-apiserver-e2e runs a real kube-apiserver (k8s.io/kubernetes
// cmd/kube-apiserver/app, in-process) backed by an embedded etcd, bound to
// 127.0.0.1 only, for end-to-end tests that need no network and no Docker.
//
// Usage:
//
//	kube-apiserver-e2e [--port N] [--service-cluster-ip-range CIDR]
//	    [--service-node-port-range A-B] [--dir DIR] [--rm] [--watch-stdin] [--v N]
//	    [-- extra kube-apiserver flags...]
//
// Once /readyz answers ok it prints exactly one line to stdout:
//
//	READY https://127.0.0.1:PORT
//
// and DIR contains ca.crt (PEM, CA of the serving cert), token (bearer token
// of user "admin" in group system:masters) and kubeconfig. On SIGTERM/SIGINT
// (or, with --watch-stdin, on EOF of stdin) it shuts the apiserver and etcd
// down and removes the etcd data (and DIR itself when DIR was created by this
// process or --rm is given).
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/pflag"
	"go.etcd.io/etcd/server/v3/embed"

	utilerrors "k8s.io/apimachinery/pkg/util/errors"
	"k8s.io/client-go/rest"
	basecompatibility "k8s.io/component-base/compatibility"
	"k8s.io/component-base/featuregate"
	"k8s.io/component-base/logs"
	logsapi "k8s.io/component-base/logs/api/v1"
	"k8s.io/klog/v2"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
	"k8s.io/kubernetes/cmd/kube-apiserver/app/options"

	"k8s.io/component-base/cli/globalflag"
	_ "k8s.io/component-base/metrics/prometheus/clientgo" // as in cmd/kube-apiserver
	_ "k8s.io/component-base/metrics/prometheus/version"
	_ "time/tzdata" // CronJob time zones, as in cmd/kube-apiserver
)

func main() {
	os.Exit(run())
}

func run() int {
	var (
		port        int
		serviceCIDR string
		nodePorts   string
		dir         string
		verbosity   int
		removeDir   bool
		watchStdin  bool
	)
	fl := flag.NewFlagSet("kube-apiserver-e2e", flag.ContinueOnError)
	fl.IntVar(&port, "port", 0, "secure port on 127.0.0.1 (0 = pick a free one)")
	fl.StringVar(&serviceCIDR, "service-cluster-ip-range", "10.1.0.0/16", "service ClusterIP range")
	fl.StringVar(&nodePorts, "service-node-port-range", "30000-32767", "NodePort range")
	fl.StringVar(&dir, "dir", "", "working dir for certs, token file and etcd data (default: a new temp dir, removed on exit)")
	fl.IntVar(&verbosity, "v", 0, "kube-apiserver log verbosity")
	fl.BoolVar(&removeDir, "rm", false, "remove --dir entirely on exit (always done for an auto-created dir)")
	fl.BoolVar(&watchStdin, "watch-stdin", false, "shut down when stdin reaches EOF (i.e. when the parent process dies)")
	if err := fl.Parse(os.Args[1:]); err != nil {
		return 2
	}
	extra := fl.Args() // anything after "--" goes to kube-apiserver verbatim

	ownDir := removeDir
	if dir == "" {
		d, err := os.MkdirTemp("", "kube-apiserver-e2e-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "mkdir temp:", err)
			return 1
		}
		dir, ownDir = d, true
	}
	dir, _ = filepath.Abs(dir)
	etcdDir := filepath.Join(dir, "etcd")
	cleanup := func() {
		if ownDir {
			_ = os.RemoveAll(dir)
		} else {
			_ = os.RemoveAll(etcdDir)
		}
	}
	defer cleanup()

	// If the parent dies, stdout/stderr pipes break: get EPIPE errors instead of
	// being killed by SIGPIPE, so that the cleanup below still runs.
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if watchStdin {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			fmt.Fprintln(os.Stderr, "kube-apiserver-e2e: stdin closed, shutting down")
			stop()
		}()
	}

	if err := serve(ctx, dir, etcdDir, port, serviceCIDR, nodePorts, verbosity, extra); err != nil {
		fmt.Fprintln(os.Stderr, "kube-apiserver-e2e:", err)
		return 1
	}
	return 0
}

func serve(ctx context.Context, dir, etcdDir string, port int, serviceCIDR, nodePorts string, verbosity int, extra []string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}

	// --- credentials -------------------------------------------------------
	files, err := writeCredentials(dir, serviceCIDR)
	if err != nil {
		return fmt.Errorf("writing credentials: %w", err)
	}

	// --- secure-port listener (created here so that port 0 has no race) ----
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("listen on 127.0.0.1:%d: %w", port, err)
	}
	port = ln.Addr().(*net.TCPAddr).Port
	baseURL := fmt.Sprintf("https://127.0.0.1:%d", port)
	if err := writeKubeconfig(dir, baseURL, files); err != nil {
		_ = ln.Close()
		return err
	}

	// etcd ports are chosen now, etcd itself starts once the flags are known good.
	etcdClientURL, etcdPeerURL, err := etcdURLs()
	if err != nil {
		_ = ln.Close()
		return err
	}
	etcdURL := etcdClientURL.String()

	// --- kube-apiserver ----------------------------------------------------
	s := options.NewServerRunOptions()
	featureGate := s.GenericServerRunOptions.ComponentGlobalsRegistry.FeatureGateFor(basecompatibility.DefaultKubeComponent)
	fs := pflag.NewFlagSet("kube-apiserver", pflag.ContinueOnError)
	namedFlagSets := s.Flags()
	globalflag.AddGlobalFlags(namedFlagSets.FlagSet("global"), "kube-apiserver", logs.SkipLoggingConfigurationFlags())
	for _, f := range namedFlagSets.FlagSets {
		fs.AddFlagSet(f)
	}
	args := []string{
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(port),
		"--etcd-servers=" + etcdURL,
		"--service-cluster-ip-range=" + serviceCIDR,
		"--service-node-port-range=" + nodePorts,
		"--tls-cert-file=" + files.servingCert,
		"--tls-private-key-file=" + files.servingKey,
		"--client-ca-file=" + files.caCert,
		"--cert-dir=" + filepath.Join(dir, "certs"),
		"--token-auth-file=" + files.tokens,
		"--authorization-mode=RBAC",
		"--anonymous-auth=true",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + files.saKey,
		"--service-account-signing-key-file=" + files.saKey,
		"--api-audiences=https://kubernetes.default.svc.cluster.local",
		// No controller-manager runs, so nothing creates the "default"
		// ServiceAccount: the ServiceAccount admission plugin would reject Pods.
		"--disable-admission-plugins=ServiceAccount",
		// 127.0.0.1 is not a valid Endpoints address; there are no other
		// apiservers to reconcile with, so skip the endpoint reconciler.
		"--endpoint-reconciler-type=none",
		"--allow-privileged=true",
		"--profiling=false",
		"--v=" + strconv.Itoa(verbosity),
	}
	args = append(args, extra...)
	if err := fs.Parse(args); err != nil {
		_ = ln.Close()
		return fmt.Errorf("kube-apiserver flags: %w", err)
	}
	s.SecureServing.Listener = ln
	s.SecureServing.BindPort = port

	// --- etcd --------------------------------------------------------------
	etcd, err := startEtcd(etcdDir, etcdClientURL, etcdPeerURL)
	if err != nil {
		_ = ln.Close()
		return fmt.Errorf("starting etcd: %w", err)
	}
	defer func() {
		etcd.Close()
		<-etcd.Server.StopNotify()
	}()

	if err := s.GenericServerRunOptions.ComponentGlobalsRegistry.Set(); err != nil {
		return err
	}
	rest.SetDefaultWarningHandler(rest.NoWarnings{})
	if err := logsapi.ValidateAndApply(s.Logs, featureGate); err != nil {
		return err
	}
	defer logs.FlushLogs()
	completed, err := s.Complete(ctx)
	if err != nil {
		return fmt.Errorf("completing kube-apiserver options: %w", err)
	}
	if errs := completed.Validate(); len(errs) != 0 {
		return fmt.Errorf("invalid kube-apiserver options: %w", utilerrors.NewAggregate(errs))
	}
	featureGate.(featuregate.MutableFeatureGate).AddMetrics()
	s.GenericServerRunOptions.ComponentGlobalsRegistry.AddMetrics()

	runErr := make(chan error, 1)
	go func() { runErr <- app.Run(ctx, completed) }()

	// --- readiness ---------------------------------------------------------
	ready := make(chan error, 1)
	go func() { ready <- waitReady(ctx, baseURL, files) }()
	select {
	case err := <-runErr:
		if err == nil {
			err = errors.New("kube-apiserver exited before becoming ready")
		}
		return err
	case err := <-ready:
		if err != nil {
			return err
		}
	}
	// The one line the test harness waits for.
	fmt.Fprintf(os.Stdout, "READY %s\n", baseURL)
	_ = os.Stdout.Sync()

	select {
	case err := <-runErr:
		if ctx.Err() == nil {
			return fmt.Errorf("kube-apiserver stopped: %v", err)
		}
	case <-ctx.Done():
		klog.Info("kube-apiserver-e2e: signal received, shutting down")
		select {
		case <-runErr:
		case <-time.After(30 * time.Second):
			klog.Warning("kube-apiserver-e2e: apiserver did not stop within 30s")
		}
	}
	return nil
}

// etcdURLs picks two free loopback ports for etcd's client and peer URLs.
func etcdURLs() (clientURL, peerURL url.URL, err error) {
	clientPort, err := freePort()
	if err != nil {
		return clientURL, peerURL, err
	}
	peerPort, err := freePort()
	if err != nil {
		return clientURL, peerURL, err
	}
	clientURL = url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", clientPort)}
	peerURL = url.URL{Scheme: "http", Host: fmt.Sprintf("127.0.0.1:%d", peerPort)}
	return clientURL, peerURL, nil
}

// startEtcd starts a single-member embedded etcd.
func startEtcd(dataDir string, clientURL, peerURL url.URL) (*embed.Etcd, error) {

	cfg := embed.NewConfig()
	cfg.Name = "e2e"
	cfg.Dir = dataDir
	cfg.ListenClientUrls = []url.URL{clientURL}
	cfg.AdvertiseClientUrls = []url.URL{clientURL}
	cfg.ListenPeerUrls = []url.URL{peerURL}
	cfg.AdvertisePeerUrls = []url.URL{peerURL}
	cfg.InitialCluster = cfg.InitialClusterFromName(cfg.Name)
	cfg.LogLevel = "error"
	cfg.LogOutputs = []string{"stderr"}
	cfg.UnsafeNoFsync = true // throw-away data: skip fsync for speed

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, err
	}
	select {
	case <-e.Server.ReadyNotify():
		return e, nil
	case err := <-e.Err():
		e.Close()
		return nil, err
	case <-time.After(60 * time.Second):
		e.Close()
		return nil, errors.New("etcd did not become ready within 60s")
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls GET /readyz until it answers 200 "ok".
func waitReady(ctx context.Context, baseURL string, files credFiles) error {
	pool := x509.NewCertPool()
	pool.AddCert(files.ca)
	client := &http.Client{
		Timeout:   5 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
	}
	deadline := time.Now().Add(3 * time.Minute)
	var last string
	for time.Now().Before(deadline) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/readyz", nil)
		req.Header.Set("Authorization", "Bearer "+files.token)
		resp, err := client.Do(req)
		if err == nil {
			buf := make([]byte, 512)
			n, _ := resp.Body.Read(buf)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = fmt.Sprintf("HTTP %d %s", resp.StatusCode, buf[:n])
		} else {
			last = err.Error()
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("kube-apiserver not ready after 3m (last: %s)", last)
}

type credFiles struct {
	ca          *x509.Certificate
	caCert      string
	servingCert string
	servingKey  string
	saKey       string
	tokens      string
	token       string
}

// writeCredentials creates a CA, a serving cert for 127.0.0.1/localhost and
// the in-cluster names, a service-account signing key, and a static token.
func writeCredentials(dir, serviceCIDR string) (credFiles, error) {
	var f credFiles
	now := time.Now()

	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return f, err
	}
	caTmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "kube-apiserver-e2e-ca"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return f, err
	}
	if f.ca, err = x509.ParseCertificate(caDER); err != nil {
		return f, err
	}

	ips := []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")}
	if _, cidr, err := net.ParseCIDR(serviceCIDR); err == nil && cidr.IP.To4() != nil {
		first := make(net.IP, 4)
		copy(first, cidr.IP.To4())
		first[3]++
		ips = append(ips, first) // the "kubernetes" Service ClusterIP
	}
	srvKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return f, err
	}
	srvTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "kube-apiserver"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		DNSNames: []string{"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
			"kubernetes.default.svc.cluster.local"},
		IPAddresses: ips,
	}
	srvDER, err := x509.CreateCertificate(rand.Reader, srvTmpl, f.ca, &srvKey.PublicKey, caKey)
	if err != nil {
		return f, err
	}
	srvKeyDER, err := x509.MarshalECPrivateKey(srvKey)
	if err != nil {
		return f, err
	}

	saKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return f, err
	}

	tok := make([]byte, 24)
	if _, err := rand.Read(tok); err != nil {
		return f, err
	}
	f.token = hex.EncodeToString(tok)

	f.caCert = filepath.Join(dir, "ca.crt")
	f.servingCert = filepath.Join(dir, "apiserver.crt")
	f.servingKey = filepath.Join(dir, "apiserver.key")
	f.saKey = filepath.Join(dir, "sa.key")
	f.tokens = filepath.Join(dir, "tokens.csv")
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	writes := []struct {
		path string
		data []byte
	}{
		{f.caCert, caPEM},
		{f.servingCert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srvDER})},
		{f.servingKey, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: srvKeyDER})},
		{f.saKey, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(saKey)})},
		// token,user,uid,"group1,group2"
		{f.tokens, []byte(f.token + ",admin,admin,\"system:masters\"\n")},
		{filepath.Join(dir, "token"), []byte(f.token)},
	}
	for _, w := range writes {
		if err := os.WriteFile(w.path, w.data, 0o600); err != nil {
			return f, err
		}
	}
	return f, nil
}

// writeKubeconfig writes DIR/kubeconfig (handy for kubectl when debugging).
func writeKubeconfig(dir, baseURL string, f credFiles) error {
	kc := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: e2e
  cluster:
    server: %s
    certificate-authority: %s
users:
- name: admin
  user:
    token: %s
contexts:
- name: e2e
  context:
    cluster: e2e
    user: admin
    namespace: default
current-context: e2e
`, baseURL, f.caCert, f.token)
	return os.WriteFile(filepath.Join(dir, "kubeconfig"), []byte(kc), 0o600)
}
