<?php

declare(strict_types=1);

// The few functions of WordPress the services' messages and stored values use, without WordPress:
// a message in English as written (singular or plural by the number), a name's letters as given
// (the fakes' names are ASCII), and JSON as PHP writes it (the fakes' values are ASCII).

if (!function_exists('__')) {
    function __(string $text, string $domain = 'default'): string
    {
        return $text;
    }
}

if (!function_exists('_n')) {
    function _n(string $single, string $plural, int $number, string $domain = 'default'): string
    {
        return $number === 1 ? $single : $plural;
    }
}

if (!function_exists('remove_accents')) {
    function remove_accents(string $text): string
    {
        return $text;
    }
}

if (!function_exists('wp_json_encode')) {
    function wp_json_encode(mixed $value): string|false
    {
        return json_encode($value);
    }
}
