#!/usr/bin/env python3
"""Checks that the Dockerfile, the examples in deploy/ and docs/deploy.md tell
the truth about the runway binary:

  tests/deploy/check_deploy.py --runway build/runway [unittest options]
  tests/deploy/check_deploy.py --update-docs   (after editing a file in deploy/)

Every YAML file parses; every migrate container of the Kubernetes manifests,
the Helm hook and the compose file runs the binary with exactly its
variables, arguments and mounted files (the database URL swapped for SQLite)
and runway accepts each FLYWAY_* variable; the Indexed Job's shard script
migrates each tenant once; the ConfigMaps hold deploy/sql and deploy/conf;
docs/deploy.md shows the files byte for byte; the runtime image installs a
package for every shared library the binary needs.
"""

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import deploy_fixtures as fx  # noqa: E402

RUNWAY = None  # set from --runway
SETUP = os.path.join(fx.DEPLOY_DIR, "image", "runtime-setup.sh")
DOC = os.path.join(fx.SOURCE_DIR, "docs", "deploy.md")


def run(argv, env, cwd):
    return subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


def image_uid():
    return int(re.search(r"^RUNWAY_UID=(\d+)$", fx.read(SETUP), re.M).group(1))


def runtime_packages():
    block = re.search(r'^RUNTIME_PACKAGES="([^"]*)"', fx.read(SETUP), re.M).group(1)
    return block.split()


def owning_package(library):
    """The Debian package of a library path (dpkg may list it under /lib or
    /usr/lib: Debian 12 merged them)."""
    real = os.path.realpath(library)
    for candidate in (real, re.sub(r"^/usr/lib/", "/lib/", real)):
        owner = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if owner.returncode == 0:
            return owner.stdout.split(":")[0]
    return None


class Manifests(unittest.TestCase):
    def test_every_yaml_file_parses_and_names_its_objects(self):
        files = fx.yaml_files()
        self.assertIn(os.path.join(fx.DEPLOY_DIR, "docker-compose.yml"), files)
        for path in files:
            for doc in yaml.safe_load_all(fx.read(path)):
                self.assertIsInstance(doc, dict, path)
        for doc in fx.kubernetes_docs():
            self.assertTrue({"apiVersion", "kind", "metadata"} <= doc.keys(), doc)
            self.assertTrue(doc["metadata"]["name"])

    def test_each_way_of_running_is_there(self):
        docs = fx.kubernetes_docs()
        app = fx.find_doc(docs, "Deployment", "app")["spec"]["template"]["spec"]
        self.assertEqual([c["name"] for c in app["initContainers"]], ["migrate"])
        job = fx.find_doc(docs, "Job", "runway-migrate")
        self.assertEqual(job["spec"]["template"]["spec"]["restartPolicy"], "Never")
        hook = fx.find_doc(docs, "Job", "release-migrate")["metadata"]["annotations"]
        self.assertEqual(hook["helm.sh/hook"], "pre-install,pre-upgrade")
        tenants = fx.find_doc(docs, "Job", "runway-migrate-tenants")["spec"]
        self.assertEqual(tenants["completionMode"], "Indexed")
        compose = yaml.safe_load(fx.read(os.path.join(fx.DEPLOY_DIR, "docker-compose.yml")))
        self.assertIn("FLYWAY_CONNECT_RETRIES", compose["services"]["migrate"]["environment"])
        self.assertEqual(compose["services"]["app"]["depends_on"]["migrate"]["condition"],
                         "service_completed_successfully")

    def test_secrets_arrive_as_variables_and_as_mounted_files(self):
        by_name = {}
        for workload, c, _ in fx.migrate_containers(fx.kubernetes_docs()):
            for e in c.get("env", []):
                by_name.setdefault(e["name"], []).append((workload, e))
        self.assertTrue(any("secretKeyRef" in e.get("valueFrom", {})
                            for _, e in by_name["FLYWAY_PASSWORD"]))
        self.assertTrue(by_name["FLYWAY_PASSWORD_FILE"])

    def test_configmaps_hold_the_files_in_deploy(self):
        docs = fx.kubernetes_docs()
        sql_dir = os.path.join(fx.DEPLOY_DIR, "sql")
        expected = {n: fx.read(os.path.join(sql_dir, n)) for n in os.listdir(sql_dir)}
        self.assertEqual(fx.find_doc(docs, "ConfigMap", "runway-migrations")["data"], expected)
        conf = fx.read(os.path.join(fx.DEPLOY_DIR, "conf", "flyway.toml"))
        self.assertEqual(fx.find_doc(docs, "ConfigMap", "runway-conf")["data"],
                         {"flyway.toml": conf})

    def test_containers_run_as_the_image_user(self):
        containers = fx.migrate_containers(fx.kubernetes_docs())
        self.assertEqual(len(containers), 4)
        for workload, c, _ in containers:
            context = c["securityContext"]
            self.assertEqual(context["runAsUser"], image_uid(), workload)
            self.assertTrue(context["runAsNonRoot"], workload)
            self.assertTrue(context["readOnlyRootFilesystem"], workload)

    def test_indexed_job_shards_match_its_completions(self):
        spec = fx.find_doc(fx.kubernetes_docs(), "Job", "runway-migrate-tenants")["spec"]
        env = {e["name"]: e.get("value") for e in spec["template"]["spec"]["containers"][0]["env"]}
        self.assertEqual(int(env["SHARDS"]), spec["completions"])


class ContainersRunRunway(unittest.TestCase):
    """Runs each migrate container's configuration through the binary."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="runway-deploy-")
        self.addCleanup(self.tmp.cleanup)

    def check_accepted(self, root, env, argv, declared):
        env["FLYWAY_URL"] = "jdbc:sqlite:" + os.path.join(root, "app.db")
        result = run(fx.as_info_run(argv), env, os.path.join(root, "flyway"))
        output = result.stdout + result.stderr
        self.assertEqual(result.returncode, 0, output)
        self.assertNotIn("Unknown", output)
        for name in declared:
            if name.startswith("FLYWAY_"):
                self.assertIn(f"(env {name})", output, name)
                self.assertNotIn(f"Ignoring environment variable {name}", output)
        conf = os.path.join(root, "flyway", "conf", "flyway.toml")
        self.assertIn(f"Configuration files:\n  {conf}\n", output)
        self.assertEqual(result.stdout.count("| Pending "), 3, result.stdout)
        return output

    def test_kubernetes_migrate_containers_are_accepted(self):
        docs = fx.kubernetes_docs()
        password = fx.secret_data(fx.find_doc(docs, "Secret", "runway-db"))["password"]
        for i, (workload, c, spec) in enumerate(fx.migrate_containers(docs)):
            with self.subTest(workload=workload):
                root = os.path.join(self.tmp.name, str(i))
                env, argv = fx.stage_k8s_container(root, docs, c, spec, RUNWAY,
                                                   {"JOB_COMPLETION_INDEX": "0"})
                if argv[0] != "runway":  # the Indexed Job's shard script
                    argv = ["runway", "migrate"]
                output = self.check_accepted(root, env, argv, [e["name"] for e in c["env"]])
                self.assertNotIn(password, output)

    def test_compose_migrate_service_is_accepted(self):
        service = fx.compose_service("migrate")
        env, argv = fx.stage_compose_service(self.tmp.name, service, RUNWAY)
        output = self.check_accepted(self.tmp.name, env, argv, service["environment"])
        self.assertNotIn(service["environment"]["FLYWAY_PASSWORD"], output)

    def test_image_reads_flyway_conf_from_any_working_directory(self):
        fx.install_image(self.tmp.name, RUNWAY)
        conf_dir = os.path.join(self.tmp.name, "flyway", "conf")
        os.makedirs(conf_dir)
        with open(os.path.join(conf_dir, "flyway.toml"), "w") as f:
            f.write('[flyway.placeholders]\nfound = "yes"\n')
        env = fx.image_env(self.tmp.name)
        env["FLYWAY_URL"] = "jdbc:sqlite:" + os.path.join(self.tmp.name, "x.db")
        result = run(["runway", "-X", "info"], env, "/")  # through the symlink
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"placeholders.found = yes (file {conf_dir}/flyway.toml)", result.stderr)


class IndexedJobShards(unittest.TestCase):
    """Runs the Indexed Job's script for each index against SQLite tenants."""

    SQLITE_SQL = {"V1__Create_t.sql": "CREATE TABLE t (id INTEGER);\n"}

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="runway-shards-")
        self.addCleanup(self.tmp.cleanup)
        self.docs = fx.kubernetes_docs()
        job = fx.find_doc(self.docs, "Job", "runway-migrate-tenants")
        self.spec = job["spec"]["template"]["spec"]
        self.shards = job["spec"]["completions"]

    def run_shards(self, tenant_urls):
        tenants = "# tenants\n\n" + "".join(u + "\n" for u in tenant_urls)
        results = []
        for index in range(self.shards):
            root = os.path.join(self.tmp.name, f"pod{index}")
            env, argv = fx.stage_k8s_container(
                root, self.docs, self.spec["containers"][0], self.spec, RUNWAY,
                {"JOB_COMPLETION_INDEX": str(index)},
                {"tenants": {"tenants.txt": tenants}, "migrations": self.SQLITE_SQL})
            results.append(run(argv, env, os.path.join(root, "flyway")))
        return results

    def tenant_url(self, n):
        return "jdbc:sqlite:" + os.path.join(self.tmp.name, f"tenant_{n}.db")

    def history_rows(self, n):
        with sqlite3.connect(os.path.join(self.tmp.name, f"tenant_{n}.db")) as db:
            return db.execute("SELECT count(*) FROM flyway_schema_history").fetchone()[0]

    def test_each_tenant_is_migrated_once_by_its_shard(self):
        results = self.run_shards([self.tenant_url(n) for n in range(5)])
        for index, r in enumerate(results):
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            mine = [n for n in range(5) if n % self.shards == index]
            self.assertEqual(re.findall(r"tenant (\d+)", r.stdout), [str(n) for n in mine])
        for n in range(5):
            self.assertEqual(self.history_rows(n), 1)

    def test_a_failing_tenant_fails_its_shard_only(self):
        # Tenant 0 has tables but no history: migrate refuses it.
        with sqlite3.connect(os.path.join(self.tmp.name, "tenant_0.db")) as db:
            db.execute("CREATE TABLE t (id INTEGER)")
        results = self.run_shards([self.tenant_url(n) for n in range(4)])
        self.assertEqual(results[0].returncode, 1)
        self.assertIn("shard 0: 1 tenant(s) failed", results[0].stderr)
        self.assertIn('Found non-empty schema(s) "main" but no schema history table',
                      results[0].stderr)
        self.assertEqual([r.returncode for r in results[1:]], [0] * (self.shards - 1))
        for n in (1, 2, 3):  # shard 0 went on after tenant 0
            self.assertEqual(self.history_rows(n), 1)


class Docs(unittest.TestCase):
    SNIPPET = re.compile(r"<!-- file: (\S+) -->\n```([a-z]*)\n(.*?)```\n", re.S)
    SHOWN = ["Dockerfile", "deploy/docker-compose.yml", "deploy/conf/flyway.toml",
             "deploy/kubernetes/secret.yaml", "deploy/kubernetes/init-container.yaml",
             "deploy/kubernetes/job.yaml", "deploy/kubernetes/indexed-job.yaml",
             "deploy/helm/runway-migrate/templates/migrate-hook.yaml",
             "deploy/helm/runway-migrate/values.yaml", "deploy/image/Dockerfile.migrations",
             "deploy/image/runtime-setup.sh"]

    def test_snippets_are_the_files_byte_for_byte(self):
        snippets = self.SNIPPET.findall(fx.read(DOC))
        self.assertEqual(sorted(p for p, _, _ in snippets), sorted(self.SHOWN))
        for path, _, text in snippets:
            self.assertEqual(text, fx.read(os.path.join(fx.SOURCE_DIR, path)), path)

    def test_links_point_at_existing_files(self):
        for target in re.findall(r"\]\((\.\./[^)#]+)\)", fx.read(DOC)):
            self.assertTrue(os.path.exists(os.path.join(fx.SOURCE_DIR, "docs", target)), target)


class Image(unittest.TestCase):
    def stages(self):
        text = re.sub(r"\\\n", " ", fx.read(os.path.join(fx.SOURCE_DIR, "Dockerfile")))
        lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        stages, current = [], None
        for line in lines:
            if line.startswith("FROM "):
                current = []
                stages.append(current)
            current.append(line)
        return stages

    def test_runtime_stage_has_the_flyway_layout(self):
        build, runtime = self.stages()
        self.assertEqual(build[0], "FROM debian:bookworm AS build")
        self.assertIn("ensure_packages $RUNWAY_BUILD_PACKAGES", " ".join(build))
        self.assertIn("-DCMAKE_BUILD_TYPE=Release", " ".join(build))
        self.assertIn("-DRUNWAY_TESTS=OFF", " ".join(build))
        self.assertEqual(runtime[0], "FROM debian:bookworm-slim")
        self.assertIn("WORKDIR /flyway", runtime)
        self.assertIn('ENTRYPOINT ["runway"]', runtime)
        self.assertIn(f"USER {image_uid()}:{image_uid()}", runtime)
        self.assertFalse(any(ln.startswith("HEALTHCHECK") for ln in build + runtime))

    def test_copied_sources_exist_and_are_not_docker_ignored(self):
        ignored = [ln for ln in fx.read(os.path.join(fx.SOURCE_DIR, ".dockerignore")).splitlines()
                   if ln and not ln.startswith("#")]
        for stage in self.stages():
            for line in stage:
                words = line.split()
                if words[0] == "COPY" and not words[1].startswith("--from"):
                    self.assertTrue(os.path.exists(os.path.join(fx.SOURCE_DIR, words[1])))
                    top = words[1].split("/")[0]
                    self.assertFalse(any(top == p.rstrip("/") for p in ignored), words[1])

    def test_runtime_packages_provide_every_library_the_binary_needs(self):
        dynamic = subprocess.run(["readelf", "-d", RUNWAY], capture_output=True,
                                 text=True, check=True).stdout
        resolved = dict(re.findall(r"^\s*(\S+) => (\S+)", subprocess.run(
            ["ldd", RUNWAY], capture_output=True, text=True, check=True).stdout, re.M))
        allowed = set(runtime_packages()) | {"libc6", "libgcc-s1"}  # in every Debian
        needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+)\]", dynamic)
        for soname in needed:
            if re.match(r"lib(a|ub|l|t)san\.so", soname):
                continue  # a sanitized test build; never in an image
            if soname.startswith("ld-linux"):
                continue  # the dynamic loader itself (libc6); the C++ runtime
                # linked in asks it for TLS
            path = resolved[soname]
            package = owning_package(path)
            self.assertIn(package, allowed,
                          f"{soname} comes from {package}: add it to RUNTIME_PACKAGES in {SETUP}")
        # The client libraries the binary opens itself (dlopen by soname).
        with open(RUNWAY, "rb") as f:
            binary = f.read()
        opened = {m.decode() for m in re.findall(rb"(?<![\w.+-])(lib[\w+-]+\.so\.\d+)\0", binary)}
        self.assertIn("libpq.so.5", opened)
        self.assertIn("libmariadb.so.3", opened)
        self.assertIn("libsqlite3.so.0", opened)
        cache = dict(re.findall(r"^\s*(\S+) \(.*\) => (\S+)$", subprocess.run(
            ["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout, re.M))
        for soname in opened - set(needed):
            if soname not in cache:
                continue  # a name in some string table, not a library here
            package = owning_package(cache[soname])
            self.assertIn(package, allowed,
                          f"{soname} (opened at run time) comes from {package}: "
                          f"add it to RUNTIME_PACKAGES in {SETUP}")


def update_docs():
    """Rewrites each snippet of docs/deploy.md from the file it names."""
    def current(match):
        text = fx.read(os.path.join(fx.SOURCE_DIR, match.group(1)))
        return f"<!-- file: {match.group(1)} -->\n```{match.group(2)}\n{text}```\n"
    text = Docs.SNIPPET.sub(current, fx.read(DOC))
    with open(DOC, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    global RUNWAY
    parser = argparse.ArgumentParser()
    parser.add_argument("--runway")
    parser.add_argument("--update-docs", action="store_true",
                        help="rewrite the snippets in docs/deploy.md from deploy/ and exit")
    args, rest = parser.parse_known_args()
    if args.update_docs:
        update_docs()
        return
    if not args.runway:
        parser.error("--runway is required")
    RUNWAY = os.path.abspath(args.runway)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
