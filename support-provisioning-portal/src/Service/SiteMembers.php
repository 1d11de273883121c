<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/** The site's WordPress users (on multisite: the site's members). */
final class SiteMembers implements Members
{
    public function login(int $userId): ?string
    {
        $user = get_userdata($userId);
        return $user instanceof \WP_User ? $user->user_login : null;
    }

    public function named(string $loginOrEmail): ?array
    {
        $user = self::user($loginOrEmail);
        return $user === null ? null : ['id' => $user->ID, 'login' => $user->user_login];
    }

    /** A member of this site named by login or e-mail. */
    public static function user(string $loginOrEmail): ?\WP_User
    {
        $needle = trim($loginOrEmail);
        $user = get_user_by('login', $needle) ?: (is_email($needle) ? get_user_by('email', $needle) : false);
        return $user instanceof \WP_User && (!is_multisite() || is_user_member_of_blog($user->ID)) ? $user : null;
    }
}
