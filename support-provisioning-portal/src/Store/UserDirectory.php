<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Store;

use SupportProvisioningPortal\Domain\Paging;

/**
 * The WordPress users of the current site (on multisite: its members), whoever created them.
 */
final class UserDirectory
{
    private const SEARCH_COLUMNS = ['user_login', 'user_email', 'display_name'];

    /**
     * @param string $search substring of login, email or display name; '' for everyone
     * @return array{users: list<\WP_User>, total: int}
     */
    public static function find(string $search, int $page, int $perPage): array
    {
        $args = [
            'blog_id' => get_current_blog_id(),
            'orderby' => 'login',
            'order' => 'ASC',
            'number' => $perPage,
            'offset' => Paging::offset($page, $perPage),
            'count_total' => true,
            // Also primes the user meta cache, which holds the plugin rights.
            'fields' => 'all_with_meta',
        ];
        if ($search !== '') {
            // Leading and trailing '*' make WP_User_Query search a LIKE-escaped substring.
            $args['search'] = '*' . $search . '*';
            $args['search_columns'] = self::SEARCH_COLUMNS;
        }
        $query = new \WP_User_Query($args);
        return ['users' => array_values($query->get_results()), 'total' => $query->get_total()];
    }

    public static function get(int $userId): ?\WP_User
    {
        $user = get_userdata($userId);
        return $user instanceof \WP_User && is_user_member_of_blog($userId) ? $user : null;
    }
}
