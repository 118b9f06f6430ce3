"""Reads the deployment examples in deploy/ and stages their containers here.

A Kubernetes or compose container is emulated closely enough to run the real
runway binary with exactly its environment, arguments and mounted files:
- the image layout: <root>/flyway/runway (hard link or copy of the binary
  under test) and <root>/usr/local/bin/runway -> it, working directory
  <root>/flyway, so the config file search sees /flyway/conf as the image
  does; a `*-migrations` image also gets what deploy/image/
  Dockerfile.migrations copies in (deploy/sql, deploy/conf);
- volumes: ConfigMaps and Secrets written as the kubelet writes them (a
  timestamped hidden directory, a `..data` symlink to it, one symlink per key),
  compose bind mounts as symlinks to the directories in deploy/;
- env: literal values with Kubernetes' $(VAR) expansion, secretKeyRef values
  from the Secret manifest, absolute paths under a mount moved into <root>.
Only the database URL is replaced by the caller (no PostgreSQL here).
"""

import base64
import os
import re
import shutil
import yaml

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEPLOY_DIR = os.path.join(SOURCE_DIR, "deploy")
HELM_CHART = os.path.join(DEPLOY_DIR, "helm", "runway-migrate")
RUNWAY_COMMANDS = {"migrate", "info", "validate", "baseline", "repair", "undo", "clean"}


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def yaml_files():
    """Every YAML file in deploy/ except Helm templates (see render_helm)."""
    out = []
    for dirpath, _, names in os.walk(DEPLOY_DIR):
        if os.path.join("helm", "runway-migrate", "templates") in dirpath:
            continue
        out += [os.path.join(dirpath, n) for n in names if n.endswith((".yaml", ".yml"))]
    return sorted(out)


def render_helm(chart=HELM_CHART, release="release"):
    """Renders the chart's templates: only {{ .Values.x }}, {{ .Release.Name }}
    and {{ .Chart.Name }} are supported, anything else is an error."""
    values = yaml.safe_load(read(os.path.join(chart, "values.yaml")))
    meta = yaml.safe_load(read(os.path.join(chart, "Chart.yaml")))
    scope = {"Values": values, "Release": {"Name": release}, "Chart": {"Name": meta["name"]}}

    def lookup(match):
        node = scope
        for part in match.group(1).split("."):
            if not isinstance(node, dict) or part not in node:
                raise KeyError("undefined template value ." + match.group(1))
            node = node[part]
        return str(node)

    docs = []
    templates = os.path.join(chart, "templates")
    for name in sorted(os.listdir(templates)):
        text = read(os.path.join(templates, name))
        text = re.sub(r"\{\{\s*\.([A-Za-z][\w.]*)\s*\}\}", lookup, text)
        if "{{" in text:
            raise ValueError(f"{name}: template construct the test renderer does not know")
        docs += [d for d in yaml.safe_load_all(text) if d]
    return docs


def kubernetes_docs():
    docs = []
    for path in yaml_files():
        if os.sep + "kubernetes" + os.sep in path:
            docs += [d for d in yaml.safe_load_all(read(path)) if d]
    return docs + render_helm()


def find_doc(docs, kind, name):
    for d in docs:
        if d.get("kind") == kind and d["metadata"]["name"] == name:
            return d
    raise KeyError(f"no {kind} named {name}")


def pod_specs(docs):
    """(workload name, pod spec) of every Deployment and Job."""
    return [(d["metadata"]["name"], d["spec"]["template"]["spec"])
            for d in docs if d.get("kind") in ("Deployment", "Job")]


def migrate_containers(docs):
    """(workload name, container, pod spec) of every runway container."""
    out = []
    for workload, spec in pod_specs(docs):
        for c in spec.get("initContainers", []) + spec.get("containers", []):
            if c["name"] == "migrate":
                out.append((workload, c, spec))
    return out


def secret_data(secret):
    data = dict(secret.get("stringData", {}))
    for key, value in secret.get("data", {}).items():
        data[key] = base64.b64decode(value).decode()
    return data


def write_kubelet_volume(target, files):
    """Writes files the way the kubelet projects a ConfigMap or Secret."""
    stamp = "..2026_01_01_00_00_00.000000001"
    os.makedirs(os.path.join(target, stamp))
    for key, text in files.items():
        with open(os.path.join(target, stamp, key), "w", encoding="utf-8") as f:
            f.write(text)
        os.symlink(os.path.join("..data", key), os.path.join(target, key))
    os.symlink(stamp, os.path.join(target, "..data"))


def install_image(root, runway):
    """The image's layout under root: /flyway/runway + /usr/local/bin/runway."""
    os.makedirs(os.path.join(root, "flyway"), exist_ok=True)
    os.makedirs(os.path.join(root, "usr", "local", "bin"), exist_ok=True)
    binary = os.path.join(root, "flyway", "runway")
    try:
        os.link(runway, binary)
    except OSError:
        shutil.copy2(runway, binary)
    os.symlink(binary, os.path.join(root, "usr", "local", "bin", "runway"))


def bake_migrations_image(root):
    """Adds what deploy/image/Dockerfile.migrations copies onto the image."""
    dockerfile = os.path.join(DEPLOY_DIR, "image", "Dockerfile.migrations")
    for line in read(dockerfile).splitlines():
        words = line.split()
        if words and words[0] == "COPY":
            shutil.copytree(os.path.join(DEPLOY_DIR, words[1]), root + words[2],
                            dirs_exist_ok=True)


def install_container_image(root, image, runway):
    """`runway` or a `*-migrations` image built by Dockerfile.migrations."""
    install_image(root, runway)
    name = image.split(":")[0]
    if name.endswith("-migrations"):
        bake_migrations_image(root)
    elif name != "runway":
        raise ValueError("unknown image " + image)


def image_env(root):
    return {"PATH": os.path.join(root, "usr", "local", "bin") + ":/usr/bin:/bin",
            "HOME": os.path.join(root, "nonexistent")}


def expand_k8s(value, env):
    """Kubernetes $(VAR) expansion ($$ escapes; unknown names stay as is)."""
    return re.sub(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)",
                  lambda m: "$" if m.group(0) == "$$" else env.get(m.group(1), m.group(0)),
                  value)


def stage_k8s_container(root, docs, container, pod_spec, runway, extra_env=None,
                        override_files=None):
    """Stages one container; returns (env, argv) to run it with cwd root/flyway.
    override_files: {volume name: {key: text}} replaces a volume's contents."""
    install_container_image(root, container["image"], runway)
    volumes = {v["name"]: v for v in pod_spec.get("volumes", [])}
    mounts = []
    for m in container.get("volumeMounts", []):
        volume = volumes[m["name"]]
        if override_files and m["name"] in override_files:
            files = override_files[m["name"]]
        elif "configMap" in volume:
            files = find_doc(docs, "ConfigMap", volume["configMap"]["name"])["data"]
        elif "secret" in volume:
            files = secret_data(find_doc(docs, "Secret", volume["secret"]["secretName"]))
        else:
            raise ValueError("unsupported volume " + m["name"])
        target = root + m["mountPath"]
        if os.path.isdir(target):
            shutil.rmtree(target)
        write_kubelet_volume(target, files)
        mounts.append(m["mountPath"])

    env = image_env(root)
    env.update(extra_env or {})
    for e in container.get("env", []):
        if "value" in e:
            value = expand_k8s(str(e["value"]), env)
        else:
            ref = e["valueFrom"]["secretKeyRef"]
            value = secret_data(find_doc(docs, "Secret", ref["name"]))[ref["key"]]
        if any(value == p or value.startswith(p + "/") for p in mounts):
            value = root + value
        env[e["name"]] = value
    argv = container.get("command", ["runway"]) + container.get("args", [])
    return env, argv


def compose_service(name):
    return yaml.safe_load(read(os.path.join(DEPLOY_DIR, "docker-compose.yml")))["services"][name]


def stage_compose_service(root, service, runway):
    """Stages a compose service of the runway image; returns (env, argv)."""
    install_container_image(root, service["image"], runway)
    for volume in service.get("volumes", []):
        host, path = volume.split(":")[:2]
        target = root + path
        if os.path.isdir(target):
            os.rmdir(target)
        os.symlink(os.path.normpath(os.path.join(DEPLOY_DIR, host)), target)
    env = image_env(root)
    env.update({k: str(v) for k, v in service.get("environment", {}).items()})
    return env, ["runway"] + service.get("command", [])


def as_info_run(argv):
    """A container's runway argv with its commands replaced by `-X info`."""
    assert argv[0] == "runway", argv
    options = [a for a in argv[1:] if a not in RUNWAY_COMMANDS]
    return ["runway", "-X"] + options + ["info"]
