package ch.opsfabric.staff;

import java.util.List;
import java.util.Optional;

/** The staff members of every tenant, found by their mobile (sign-in) or by tenant and id (sessions). */
public interface StaffDirectory {

    /** Every tenant this mobile works for: one number may sign in to several businesses. */
    List<StaffMember> byMobile(String e164);

    Optional<StaffMember> find(String tenantId, String memberId);

    List<StaffMember> list(String tenantId);

    /** Adds or replaces the member, with the pointer its mobile is found by. */
    void put(StaffMember member);

    /** @return false when there is no such member */
    boolean remove(String tenantId, String memberId);
}
