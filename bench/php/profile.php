<?php

/**
 * Benchmark-only: PHP's auto_prepend_file while `npm run bench -- --profile` runs. A request with
 * the header X-SPP-Bench-Profile: <label> is sampled by Excimer (Debian's php-excimer) every
 * 0.5 ms of CPU time, and its stacks are appended in collapsed form to <label>.collapsed in the
 * folder SPP_BENCH_PROFILE_DIR names. CPU time, not wall time: the machine's load does not add
 * samples, so the counts compare across runs.
 */

declare(strict_types=1);

(static function (): void {
    $label = (string) ($_SERVER['HTTP_X_SPP_BENCH_PROFILE'] ?? '');
    $dir = (string) getenv('SPP_BENCH_PROFILE_DIR');
    if ($label === '' || $dir === '' || !preg_match('/^[a-z0-9-]+$/', $label) || !class_exists('ExcimerProfiler')) {
        return;
    }
    $profiler = new ExcimerProfiler();
    $profiler->setPeriod(0.0005);
    $profiler->setEventType(EXCIMER_CPU);
    $profiler->start();
    // Registered from a shutdown function, so it runs after WordPress's own shutdown work.
    register_shutdown_function(static function () use ($profiler, $dir, $label): void {
        register_shutdown_function(static function () use ($profiler, $dir, $label): void {
            $profiler->stop();
            file_put_contents("{$dir}/{$label}.collapsed", $profiler->getLog()->formatCollapsed(), FILE_APPEND | LOCK_EX);
        });
    });
})();
