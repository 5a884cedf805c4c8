package ch.opsfabric.phone;

/** What a number can receive: only {@link #MOBILE} gets SMS. */
public enum PhoneKind {
    MOBILE,
    LANDLINE,
    /** valid but neither (service, pager, VoIP, premium): no SMS, a call back works */
    OTHER
}
