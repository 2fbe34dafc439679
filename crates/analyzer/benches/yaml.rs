//! The YAML tree builder against the raw `saphyr-parser` events it is built from, on generated `-o yaml` streams of
//! 10 to 1,000 nodes (`benches/support/cluster_gen.rs`): `yaml/events/…` counts the parser's events alone,
//! `yaml/tree/…` builds the trees (`yaml::parse`). The gap between the two is the builder's overhead. Reading the
//! whole stream (detection, observations) is `read/yaml/…` in the `read` benchmark.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use talos_ext_analyzer::text::CleanLine;
use talos_ext_analyzer::yaml;

// Only `yaml` of the generator is used here.
#[allow(dead_code)]
#[path = "support/cluster_gen.rs"]
mod cluster_gen;

fn builder_overhead(c: &mut Criterion) {
    let mut group = c.benchmark_group("yaml");
    group.sample_size(10);
    for nodes in [10usize, 100, 1_000] {
        let text = cluster_gen::yaml(nodes);
        let lines: Vec<CleanLine> = text
            .lines()
            .enumerate()
            .map(|(i, t)| CleanLine::plain(t, i as u32 + 1, 0))
            .collect();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("events", nodes), &text, |b, text| {
            b.iter(|| {
                saphyr_parser::Parser::new_from_str(text)
                    .filter_map(Result::ok)
                    .count()
            })
        });
        group.bench_with_input(BenchmarkId::new("tree", nodes), &lines, |b, lines| {
            b.iter(|| yaml::parse(lines, 0, &yaml::Limits::default()).len())
        });
    }
    group.finish();
}

criterion_group!(benches, builder_overhead);
criterion_main!(benches);
