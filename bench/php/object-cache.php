<?php

/**
 * Benchmark-only object-cache drop-in, never shipped with the plugin: WordPress's object cache
 * kept in Redis (Debian's php-redis), so the bench can show the portal with a persistent object
 * cache. bench/sections/redis.ts links it into wp-content for its section only. Keys carry the
 * prefix SPP_REDIS_PREFIX (the bench site's name), so sites sharing one Redis never meet.
 * Without php-redis it defines nothing and WordPress keeps its own per-request cache.
 */

declare(strict_types=1);

if (class_exists('Redis')) {
    final class SppBenchRedisObjectCache
    {
        /** @var array<string, array<string, mixed>> this request's copy, by group and key */
        private array $local = [];
        /** @var array<string, true> */
        private array $nonPersistent = [];
        /** @var array<string, true> */
        private array $global = [];
        private \Redis $redis;
        private string $prefix;
        private int $blogId;
        /** Commands sent to Redis in this request: each is a round trip (bench/php/floor.php reports it). */
        public int $roundTrips = 0;

        public function __construct()
        {
            $this->redis = new \Redis();
            $this->redis->connect(defined('SPP_REDIS_HOST') ? SPP_REDIS_HOST : '127.0.0.1', 6379, 1.0);
            $this->prefix = (defined('SPP_REDIS_PREFIX') ? SPP_REDIS_PREFIX : 'wp') . ':';
            $this->blogId = function_exists('get_current_blog_id') ? get_current_blog_id() : 1;
        }

        private function key(string $key, string $group): string
        {
            return $this->prefix . (isset($this->global[$group]) ? 'global' : $this->blogId) . ":{$group}:{$key}";
        }

        private function persists(string $group): bool
        {
            return !isset($this->nonPersistent[$group]);
        }

        public function get(int|string $key, string $group, bool $force, ?bool &$found): mixed
        {
            $group = $group === '' ? 'default' : $group;
            if (!$force && array_key_exists((string) $key, $this->local[$group] ?? [])) {
                $found = true;
                $value = $this->local[$group][(string) $key];
                return is_object($value) ? clone $value : $value;
            }
            $raw = $this->persists($group) ? $this->send('get', $this->key((string) $key, $group)) : false;
            $found = is_string($raw);
            if (!$found) {
                return false;
            }
            $value = unserialize($raw);
            $this->local[$group][(string) $key] = $value;
            return is_object($value) ? clone $value : $value;
        }

        public function set(int|string $key, mixed $data, string $group, int $expire, bool $onlyIfMissing = false): bool
        {
            $group = $group === '' ? 'default' : $group;
            if ($this->persists($group)) {
                $options = array_merge($onlyIfMissing ? ['nx'] : [], $expire > 0 ? ['ex' => $expire] : []);
                if ($this->send('set', $this->key((string) $key, $group), serialize($data), $options) !== true) {
                    return false;
                }
            }
            $this->local[$group][(string) $key] = is_object($data) ? clone $data : $data;
            return true;
        }

        public function delete(int|string $key, string $group): bool
        {
            $group = $group === '' ? 'default' : $group;
            $had = array_key_exists((string) $key, $this->local[$group] ?? []);
            unset($this->local[$group][(string) $key]);
            return ($this->persists($group) && $this->send('del', $this->key((string) $key, $group)) > 0) || $had;
        }

        private function send(string $command, mixed ...$arguments): mixed
        {
            $this->roundTrips++;
            return $this->redis->{$command}(...$arguments);
        }

        public function flush(bool $runtimeOnly): bool
        {
            $this->local = [];
            if (!$runtimeOnly) {
                $iterator = null;
                while (($keys = $this->redis->scan($iterator, $this->prefix . '*', 1000)) !== false) {
                    $this->roundTrips++;
                    if ($keys !== []) {
                        $this->send('del', $keys);
                    }
                }
            }
            return true;
        }

        /** @param list<string> $groups */
        public function addGroups(array $groups, bool $global): void
        {
            foreach ($groups as $group) {
                $global ? $this->global[$group] = true : $this->nonPersistent[$group] = true;
            }
        }

        public function switchToBlog(int $blogId): void
        {
            $this->blogId = $blogId;
        }
    }

    function spp_bench_cache(): SppBenchRedisObjectCache
    {
        return $GLOBALS['wp_object_cache'];
    }

    function wp_cache_init(): void
    {
        $GLOBALS['wp_object_cache'] = new SppBenchRedisObjectCache();
    }

    function wp_cache_get($key, $group = '', $force = false, &$found = null)
    {
        return spp_bench_cache()->get($key, (string) $group, (bool) $force, $found);
    }

    function wp_cache_set($key, $data, $group = '', $expire = 0)
    {
        return spp_bench_cache()->set($key, $data, (string) $group, (int) $expire);
    }

    function wp_cache_add($key, $data, $group = '', $expire = 0)
    {
        return spp_bench_cache()->set($key, $data, (string) $group, (int) $expire, true);
    }

    function wp_cache_replace($key, $data, $group = '', $expire = 0)
    {
        spp_bench_cache()->get($key, (string) $group, false, $found);
        return $found && spp_bench_cache()->set($key, $data, (string) $group, (int) $expire);
    }

    function wp_cache_delete($key, $group = '')
    {
        return spp_bench_cache()->delete($key, (string) $group);
    }

    function wp_cache_incr($key, $offset = 1, $group = '')
    {
        $value = spp_bench_cache()->get($key, (string) $group, true, $found);
        if (!$found) {
            return false;
        }
        $value = max(0, (is_numeric($value) ? (int) $value : 0) + (int) $offset);
        spp_bench_cache()->set($key, $value, (string) $group, 0);
        return $value;
    }

    function wp_cache_decr($key, $offset = 1, $group = '')
    {
        return wp_cache_incr($key, -(int) $offset, $group);
    }

    function wp_cache_flush()
    {
        return spp_bench_cache()->flush(false);
    }

    function wp_cache_flush_runtime()
    {
        return spp_bench_cache()->flush(true);
    }

    function wp_cache_close()
    {
        return true;
    }

    function wp_cache_add_global_groups($groups)
    {
        spp_bench_cache()->addGroups((array) $groups, true);
    }

    function wp_cache_add_non_persistent_groups($groups)
    {
        spp_bench_cache()->addGroups((array) $groups, false);
    }

    function wp_cache_switch_to_blog($blog_id)
    {
        spp_bench_cache()->switchToBlog((int) $blog_id);
    }
}
