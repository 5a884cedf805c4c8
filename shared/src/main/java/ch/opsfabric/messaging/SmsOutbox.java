package ch.opsfabric.messaging;

/** Where functions put SMS to send. Functions never call an SMS provider themselves. */
public interface SmsOutbox {

    void enqueue(OutboundSms sms);
}
