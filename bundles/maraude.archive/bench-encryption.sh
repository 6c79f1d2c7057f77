#!/bin/sh
# Encryption at rest: indexing rate and search latency, plain vs protected, in one run (512 MiB heap).
#   bundles/maraude.archive/bench-encryption.sh [messages] [work folder]
# Build first from the repository root: ./mvnw -B -o -q package -pl bundles/maraude.archive -am -DskipTests
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=${MAVEN_REPO:-$HOME/.m2/repository}
cp="$here/target/classes:$here/../maraude.core/target/classes"
for a in core analysis-common queryparser highlighter queries memory sandbox; do
  cp="$cp:$repo/org/apache/lucene/lucene-$a/9.12.3/lucene-$a-9.12.3.jar"
done
cp="$cp:$repo/org/eclipse/platform/org.eclipse.osgi/3.22.0/org.eclipse.osgi-3.22.0.jar"
cp="$cp:$repo/org/bouncycastle/bcprov-jdk18on/1.87/bcprov-jdk18on-1.87.jar"
exec java -Xmx512m $BENCH_JVM_OPTS -cp "$cp" maraude.archive.bench.EncryptionBenchmark "$@"
