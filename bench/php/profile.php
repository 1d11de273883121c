<?php

/**
 * Benchmark-only: PHP's auto_prepend_file while `npm run bench:profile` runs (folder:
 * SPP_BENCH_PROFILE_DIR). A request with the header X-SPP-Bench-Profile: <label> is sampled by
 * Excimer (Debian's php-excimer) every 0.5 ms of CPU time, its stacks appended in collapsed form
 * to <label>.collapsed. CPU time, not wall time: the machine's load does not add samples, so the
 * counts compare across runs. With SPP_BENCH_PROFILE_CLOCK=real (`npm run bench:profile -- --wall`)
 * the samples follow real time instead, every 0.1 ms: waits for MariaDB and the disk show too,
 * which CPU samples leave out. A request with X-SPP-Bench-Queries: <label> instead records its SQL
 * (SAVEQUERIES) in <label>.sql; apart from the sampled ones, as recording costs time of its own.
 */

declare(strict_types=1);

(static function (): void {
    $dir = (string) getenv('SPP_BENCH_PROFILE_DIR');
    $profile = (string) ($_SERVER['HTTP_X_SPP_BENCH_PROFILE'] ?? '');
    $queries = (string) ($_SERVER['HTTP_X_SPP_BENCH_QUERIES'] ?? '');
    $valid = static fn (string $label): bool => (bool) preg_match('/^[a-z0-9-]+$/', $label);
    if ($dir === '') {
        return;
    }
    if ($valid($queries)) {
        define('SAVEQUERIES', true);
        register_shutdown_function(static function () use ($dir, $queries): void {
            $sql = array_map(static fn (array $q): string => preg_replace('/\s+/', ' ', substr($q[0], 0, 160)), $GLOBALS['wpdb']->queries ?? []);
            file_put_contents("{$dir}/{$queries}.sql", implode("\n", $sql) . "\n");
        });
    }
    if (!$valid($profile) || !class_exists('ExcimerProfiler')) {
        return;
    }
    $wall = getenv('SPP_BENCH_PROFILE_CLOCK') === 'real';
    $profiler = new ExcimerProfiler();
    $profiler->setPeriod($wall ? 0.0001 : 0.0005);
    $profiler->setEventType($wall ? EXCIMER_REAL : EXCIMER_CPU);
    $profiler->start();
    // Registered from a shutdown function, so it runs after WordPress's own shutdown work.
    register_shutdown_function(static function () use ($profiler, $dir, $profile): void {
        register_shutdown_function(static function () use ($profiler, $dir, $profile): void {
            $profiler->stop();
            file_put_contents("{$dir}/{$profile}.collapsed", $profiler->getLog()->formatCollapsed(), FILE_APPEND | LOCK_EX);
        });
    });
})();
