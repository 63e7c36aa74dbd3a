use repdesk::domain::demo::*;
use repdesk::domain::model::*;
use repdesk::domain::rep::RepDraft;
struct Null(i64);
impl DemoSink for Null {
    type Error = ();
    fn rep(&mut self, _: &RepDraft) -> Result<i64, ()> {
        self.0 += 1;
        Ok(self.0)
    }
    fn availability(&mut self, _: &Availability) -> Result<(), ()> {
        Ok(())
    }
    fn time_off(&mut self, _: &TimeOff) -> Result<(), ()> {
        Ok(())
    }
    fn need(&mut self, _: &StaffingNeed) -> Result<(), ()> {
        Ok(())
    }
    fn shift(&mut self, _: &Shift) -> Result<(), ()> {
        Ok(())
    }
    fn lead(&mut self, _: &Lead) -> Result<i64, ()> {
        self.0 += 1;
        Ok(self.0)
    }
    fn activity(&mut self, a: &Activity) -> Result<(), ()> {
        std::hint::black_box(a.at.format("%Y-%m-%d %H:%M:%S").to_string());
        Ok(())
    }
    fn sale(&mut self, _: &Sale) -> Result<(), ()> {
        Ok(())
    }
    fn target(&mut self, _: &Target) -> Result<(), ()> {
        Ok(())
    }
    fn review(&mut self, _: &Review) -> Result<(), ()> {
        Ok(())
    }
}
fn main() {
    let t = std::time::Instant::now();
    let s = generate(DemoSize::LARGE, 1, chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(), &mut Null(0)).unwrap();
    println!("{:?} {:.2}s", s, t.elapsed().as_secs_f64());
}
