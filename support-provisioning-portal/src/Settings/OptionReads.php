<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Settings;

/**
 * Options the plugin reads many times a request (a list reads the settings for every row), read
 * and shaped once per request and site. Each is forgotten whenever WordPress writes it, whoever
 * writes; the hooks for that are added with the first read, so a request that reads none adds none.
 */
final class OptionReads
{
    /** @var array<string, array<int, mixed>> shaped values by option and site */
    private static array $read = [];

    /** @var array<string, true> options whose writes are watched */
    private static array $watched = [];

    /**
     * @template T
     * @param callable(mixed): T $shape turns the stored value (the default when absent) into what callers use
     * @return T
     */
    public static function get(string $option, mixed $default, callable $shape): mixed
    {
        if (!isset(self::$watched[$option])) {
            self::$watched[$option] = true;
            foreach (['add_option_', 'update_option_', 'delete_option_'] as $hook) {
                add_action($hook . $option, [self::class, 'forget']);
            }
        }
        $site = get_current_blog_id();
        if (!array_key_exists($site, self::$read[$option] ?? [])) {
            self::$read[$option][$site] = $shape(get_option($option, $default));
        }
        return self::$read[$option][$site];
    }

    /** Forgets every option read so far (any of them was written). */
    public static function forget(): void
    {
        self::$read = [];
    }
}
